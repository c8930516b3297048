namespace Yiyang.Modules.Sickbeds;

/// <summary>
/// The outcome of the physician's home assessment, 评估通过 (<see cref="ApproveSickbed"/>) or 未通过 (<see cref="RejectSickbed"/>):
/// both record the date (not before the application), the opinion or the reason, the assessor, a timeline entry and an audit entry.
/// </summary>
public sealed class SickbedAssessmentOutcome(YiyangDb db, AuditTrail audit, TimeProvider clock, SickbedAccess access, GetSickbed get)
{
    /// <param name="field">The input field of the text (its errors are keyed by it).</param>
    /// <param name="missing">The field error when the text is missing or longer than 500 characters.</param>
    public async Task<SickbedDto> RecordAsync(long id, bool approved, int? ifMatch, int? version, DateOnly? assessedOn, string field, string? text,
        string missing, CancellationToken ct)
    {
        var s = await access.LoadForDecisionAsync(id, approved ? SickbedAction.Approve : SickbedAction.Reject, ifMatch, version, ct);
        var errors = new FieldErrors();
        var on = assessedOn ?? clock.ChinaToday();
        access.CheckDate(errors, "assessedOn", on, s.AppliedOn, "申请日期");
        var t = SickbedAccess.Text(text);
        if (t is null || t.Length > 500) errors.Add(field, missing);
        errors.ThrowIfAny();
        s.Status = approved ? SickbedStatus.Approved : SickbedStatus.Rejected;
        s.AssessedOn = on;
        if (approved) s.AssessmentNote = t;
        else s.RejectionReason = t;
        s.AssessedByUser = access.Actor;
        access.Touch(s);
        db.TimelineEvents.Add(approved
            ? access.Event(s.ElderId, "sickbeds.approved", $"家庭病床评估通过：{on:yyyy-MM-dd}")
            : access.Event(s.ElderId, "sickbeds.rejected", $"家庭病床评估未通过：{on:yyyy-MM-dd}"));
        await access.SaveAsync(ct);
        await audit.RecordAsync(approved ? "sickbeds.approve" : "sickbeds.reject", "sickbed", s.Id.ToString(), s.ElderId);
        return await get.HandleAsync(s.Id, ct, audited: false);
    }
}
