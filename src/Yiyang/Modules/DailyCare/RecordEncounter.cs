using Yiyang.Modules.Elders;
using Yiyang.Modules.HomeVisits;

namespace Yiyang.Modules.DailyCare;

public sealed record OrderInput(string? Kind, string? Text, string? Drug, string? Dose);

public sealed record EncounterInput(DateTimeOffset? SeenAt, string? Complaint, VitalsInput? Vitals, string? Findings, IReadOnlyList<OrderInput>? Orders,
    string? Disposition);

/// <summary>
/// 医务室就诊 (docs/domain/institutions.md#medical-room-encounters) of a resident of an institution with a medical room: the
/// institution's doctors and nurses record complaint, vitals (the plausibility rules of home visits, <see cref="VisitRules"/>),
/// findings, orders and the disposition; 转诊 links to the up-referral form (no referral is created). Audited; timeline 医务室就诊.
/// </summary>
public sealed class RecordEncounter(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock)
{
    private const int MaxOrders = 20;
    private string Actor => user.IsAuthenticated ? user.UserName : "system";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("", async Task<Created<EncounterDto>> (long stayId, EncounterInput input, RecordEncounter handler, CancellationToken ct) =>
            {
                var e = await handler.HandleAsync(stayId, input, ct);
                return TypedResults.Created($"/api/daily-care/stays/{stayId}/encounters", e);
            })
            .ProducesProblems(400, 404, 409)
            .WithSummary("医务室就诊：主诉、体征（合理范围同上门服务）、检查所见、医嘱（long-term 长期 / temporary 临时，可填药品与剂量）、处置 observe 留观 / refer 转诊 / return 回住处；转诊给出转诊单链接，不自动发起");

    public async Task<EncounterDto> HandleAsync(long stayId, EncounterInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var now = clock.GetUtcNow();
        var seenAt = input.SeenAt ?? now;
        if (seenAt > now.AddMinutes(10)) errors.Add("seenAt", "就诊时间不能晚于现在。");
        else if (seenAt < now.AddDays(-7)) errors.Add("seenAt", "只能补录最近 7 天的就诊。");
        var complaint = Masking.Scrub((input.Complaint ?? "").Trim());
        if (complaint.Length is 0 or > 200) errors.Add("complaint", "请填写主诉（最多 200 个字）。");
        var vitals = input.Vitals ?? new VitalsInput(null, null, null, null, null, null, null);
        foreach (var (field, messages) in VisitRules.ValidateVitals(vitals).ToDictionary())
            foreach (var m in messages) errors.Add("vitals." + field, m);
        var findings = string.IsNullOrWhiteSpace(input.Findings) ? null : Masking.Scrub(input.Findings.Trim());
        if (findings is { Length: > 1000 }) errors.Add("findings", "检查所见最多 1000 个字。");
        var disposition = EncounterRules.ParseDisposition(input.Disposition);
        if (disposition is null) errors.Add("disposition", "请选择处置：留观（observe）、转诊（refer）或回住处（return）。");
        var rows = Orders(errors, input.Orders ?? []);
        errors.ThrowIfAny();

        var stay = await ResidentAccess.StayAsync(db, user, stayId, true, DailyCarePolicies.Medical, ct);
        if (stay.DischargedOn is not null) throw new ConflictException("stay-closed", "该老人已离院，不能登记医务室就诊。");
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == stay.OrganizationId, ct);
        if (!org.HasMedicalRoom) throw new ConflictException("no-medical-room", "本机构未登记医务室，不能登记医务室就诊。");
        var e = new MedicalEncounter
        {
            StayId = stay.Id,
            ElderId = stay.ElderId,
            OrganizationId = stay.OrganizationId,
            SeenAt = seenAt,
            Complaint = complaint,
            Systolic = vitals.Systolic,
            Diastolic = vitals.Diastolic,
            Pulse = vitals.Pulse,
            Temperature = vitals.Temperature,
            Glucose = vitals.Glucose,
            Spo2 = vitals.Spo2,
            Weight = vitals.Weight,
            Findings = findings,
            Disposition = disposition!.Value,
            TownshipCode = stay.TownshipCode,
            CountyCode = stay.CountyCode,
            RecordedBy = Actor,
            CreatedAt = now,
            Orders = rows,
        };
        db.Add(e);
        db.TimelineEvents.Add(TimelineEvent.Create(stay.ElderId, now, "daily-care.medical-room.encounter", "daily-care",
            $"医务室就诊：{complaint}；处置 {EncounterRules.DispositionName(e.Disposition)}" + (rows.Count == 0 ? "" : $"，医嘱 {rows.Count} 条"), Actor));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("daily-care.encounter.create", "stay", stay.Id.ToString(), stay.ElderId, EncounterRules.DispositionCode(e.Disposition));
        return MedicalEncounterMapping.ToDto(e);
    }

    private static List<MedicalOrder> Orders(FieldErrors errors, IReadOnlyList<OrderInput> orders)
    {
        if (orders.Count > MaxOrders) errors.Add("orders", $"一次最多 {MaxOrders} 条医嘱。");
        var rows = new List<MedicalOrder>();
        for (var i = 0; i < Math.Min(orders.Count, MaxOrders); i++)
        {
            var o = orders[i];
            var p = $"orders[{i}].";
            var kind = EncounterRules.ParseOrderKind(o.Kind);
            if (kind is null) errors.Add(p + "kind", "医嘱类型只能是长期（long-term）或临时（temporary）。");
            var text = Masking.Scrub((o.Text ?? "").Trim());
            if (text.Length is 0 or > 200) errors.Add(p + "text", "请填写医嘱内容（最多 200 个字）。");
            var drug = string.IsNullOrWhiteSpace(o.Drug) ? null : o.Drug.Trim();
            var dose = string.IsNullOrWhiteSpace(o.Dose) ? null : o.Dose.Trim();
            if (drug is { Length: > 50 }) errors.Add(p + "drug", "药品名称最多 50 个字。");
            if (dose is { Length: > 50 }) errors.Add(p + "dose", "剂量用法最多 50 个字。");
            if (dose is not null && drug is null) errors.Add(p + "drug", "填写剂量时请同时填写药品。");
            rows.Add(new MedicalOrder { LineNo = i + 1, Kind = kind ?? OrderKind.Temporary, Text = text, Drug = drug, Dose = dose });
        }
        return rows;
    }
}
