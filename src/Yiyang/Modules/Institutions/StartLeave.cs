using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Institutions;

/// <summary>外出: a resident goes on leave (请假) or to hospital (住院); the bed stays held. One open leave per stay (also a partial unique index).</summary>
public sealed class StartLeave(YiyangDb db, InstitutionAccess access, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/stays/{id:long}/leaves", async Task<Created<LeaveDto>> (long id, LeaveInput input, StartLeave handler, CancellationToken ct) =>
            {
                var leave = await handler.HandleAsync(id, input, ct);
                return TypedResults.Created($"/api/institutions/stays/{id}/leaves", leave);
            })
            .ProducesProblems(400, 404, 409)
            .WithSummary("外出：personal 请假 / hospitalised 住院；床位保留；同一入住同时只能有一条未返回的外出（否则 409）");

    public async Task<LeaveDto> HandleAsync(long stayId, LeaveInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var kind = LeaveRules.ParseKind(input.Kind);
        if (kind is null) errors.Add("kind", "外出类型只能是请假（personal）或住院（hospitalised）。");
        if (input.ExpectedReturnOn is null) errors.Add("expectedReturnOn", "请填写预计返回日期。");
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : Masking.Scrub(input.Note.Trim());
        if (note is { Length: > 200 }) errors.Add("note", "说明最多 200 个字。");
        errors.ThrowIfAny();
        var stay = await access.OpenStayAsync(stayId, ct);
        var today = clock.ChinaToday();
        var startOn = input.StartOn ?? today;
        LeaveRules.Validate(stay.AdmittedOn, startOn, input.ExpectedReturnOn!.Value, today).ThrowIfAny();
        ConflictException Open() => new("leave-open", "该老人已在外出中，请先登记返回。");
        if (await db.Set<InstitutionLeave>().AnyAsync(l => l.StayId == stay.Id && l.ReturnedOn == null, ct)) throw Open();
        var now = clock.GetUtcNow();
        var leave = new InstitutionLeave
        {
            StayId = stay.Id,
            ElderId = stay.ElderId,
            OrganizationId = stay.OrganizationId,
            Kind = kind!.Value,
            StartOn = startOn,
            ExpectedReturnOn = input.ExpectedReturnOn.Value,
            Note = note,
            CreatedByUser = access.Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(leave);
        db.TimelineEvents.Add(TimelineEvent.Create(stay.ElderId, now, "institutions.leave.started", InstitutionAccess.TimelineModule,
            $"外出（{LeaveRules.KindName(leave.Kind)}）：{startOn:yyyy-MM-dd} 起，预计 {leave.ExpectedReturnOn:yyyy-MM-dd} 返回，床位保留", access.Actor));
        await db.SaveOrConflictAsync(ct, onDuplicate: Open);
        await audit.RecordAsync("institutions.leave.start", "stay", stay.Id.ToString(), stay.ElderId, LeaveRules.KindCode(leave.Kind));
        return InstitutionMapping.ToDto(leave, today);
    }
}
