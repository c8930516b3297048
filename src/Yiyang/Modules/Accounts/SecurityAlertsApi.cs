namespace Yiyang.Modules.Accounts;

public sealed record SecurityAlertDto(long Id, DateTimeOffset At, string Kind, string Summary, string? UserName, long? OrganizationId,
    DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? AcknowledgeNote, int Version) : IVersioned;

public sealed record AcknowledgeAlertInput(string? Note);

/// <summary>安全告警: the security admin's list of alerts (open first) — raised where a limit against guessing was reached.</summary>
public sealed class ListSecurityAlerts(YiyangDb db, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder alerts) =>
        alerts.MapGet("", async Task<Ok<IReadOnlyList<SecurityAlertDto>>> (bool? open, ListSecurityAlerts handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(open ?? false, ct)))
            .WithSummary("安全告警（open=true 只列未处理的），未处理的在前、最新在前，最多 500 条");

    public async Task<IReadOnlyList<SecurityAlertDto>> HandleAsync(bool open, CancellationToken ct)
    {
        var q = db.Set<SecurityAlert>().AsNoTracking();
        if (open) q = q.Where(a => a.AcknowledgedAt == null);
        var rows = await q.OrderBy(a => a.AcknowledgedAt != null).ThenByDescending(a => a.Id).Take(500).ToListAsync(ct);
        await audit.RecordAsync("security-alert.list", "security-alert", null, detail: $"shown={rows.Count}", wait: false);
        return rows.Select(ToDto).ToList();
    }

    public static SecurityAlertDto ToDto(SecurityAlert a) =>
        new(a.Id, a.At, a.Kind, a.Summary, a.UserName, a.OrganizationId, a.AcknowledgedAt, a.AcknowledgedBy, a.AcknowledgeNote, a.Version);
}

/// <summary>处理告警: the security admin records what was done about an alert (a note is required); once only.</summary>
public sealed class AcknowledgeSecurityAlert(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder alerts) =>
        alerts.MapPost("/{id:long}/acknowledge", async Task<Ok<SecurityAlertDto>> (long id, AcknowledgeAlertInput input, AcknowledgeSecurityAlert handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input, ct)))
            .ProducesProblems(400, 404, 409)
            .WithSummary("处理安全告警：须填写处理说明 note；已处理 409");

    public async Task<SecurityAlertDto> HandleAsync(long id, AcknowledgeAlertInput input, CancellationToken ct)
    {
        var note = Masking.Scrub((input.Note ?? "").Trim());
        if (note.Length < 2) throw ValidationFailedException.For("note", "请填写处理说明（至少 2 个字）。");
        if (note.Length > 200) throw ValidationFailedException.For("note", "处理说明最多 200 个字。");
        var alert = await db.Set<SecurityAlert>().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("未找到该告警。");
        if (alert.AcknowledgedAt is not null) throw new ConflictException("alert-acknowledged", "该告警已处理。");
        alert.AcknowledgedAt = clock.GetUtcNow();
        alert.AcknowledgedBy = user.UserName;
        alert.AcknowledgeNote = note;
        alert.Version++;
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("security-alert.acknowledge", "security-alert", alert.Id.ToString());
        return ListSecurityAlerts.ToDto(alert);
    }
}
