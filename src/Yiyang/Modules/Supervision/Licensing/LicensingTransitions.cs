using System.Globalization;

namespace Yiyang.Modules.Supervision;

/// <summary>
/// What the actions on an application share: load it within scope (404), check the If-Match version (412), who may act
/// (403) and the state machine (409); then the working-day calendars for the clock, and audit and save in one transaction.
/// </summary>
public sealed class LicensingTransitions(YiyangDb db, LicensingAccess access, WorkingDays workingDays, AuditTrail audit)
{
    public LicensingAccess Access => access;

    public async Task<LicenceApplication> BeginAsync(long id, string action, int? ifMatch, CancellationToken ct)
    {
        var a = await access.LoadForChangeAsync(id, ifMatch, ct);
        var allowed = action switch
        {
            "withdraw" => access.IsApplicant(a),
            "documents-received" => access.IsApplicant(a) || access.IsDecider,
            _ => access.IsDecider,
        };
        if (!allowed)
            throw new ForbiddenException(action == "withdraw" ? "只有申请机构（或代为登记纸质申请的部门）才能撤回申请。" : "只有审批部门的监管人员才能受理、要求补正或作出决定。");
        if (!LicensingRules.Allows(a.Status, action))
            throw new ConflictException("illegal-transition", $"该申请{LicensingRules.StatusName(a.Status)}，不能{ActionName(action)}。");
        return a;
    }

    /// <summary>The calendars from the year of <paramref name="from"/> on (the clock counts at most a year ahead); a missing year fails when reached.</summary>
    public async Task<Func<int, YearCalendar?>> CalendarsAsync(DateOnly from, CancellationToken ct)
    {
        var years = new Dictionary<int, YearCalendar?>();
        for (var y = from.Year; y <= Math.Min(9999, from.Year + 2); y++) years[y] = await workingDays.YearAsync(y, ct);
        return y => years.GetValueOrDefault(y);
    }

    public async Task<LicenceApplicationDto> CommitAsync(LicenceApplication a, string action, string detail, CancellationToken ct)
    {
        a.UpdatedAt = access.Now;
        a.Version++;
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("supervision.licensing." + action, "licence-application", a.Id.ToString(CultureInfo.InvariantCulture), detail: detail);
        return await access.ToDtoAsync(a, ct);
    }

    public static string ActionName(string action) => action switch
    {
        "accept" => "受理",
        "request-documents" => "要求补正材料",
        "documents-received" => "登记补正材料已收到",
        "decide" => "作出决定",
        "withdraw" => "撤回",
        _ => action,
    };

    /// <summary>A trimmed text, or null when empty.</summary>
    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
