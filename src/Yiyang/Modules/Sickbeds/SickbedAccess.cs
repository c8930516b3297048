using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Sickbeds;

/// <summary>
/// What the sickbed use cases share: the permission checks, loading a sickbed within scope, the state-machine guard, the
/// conflict checks, timeline events and saving. Reads follow <see cref="ElderScope"/> (out of scope → 404); staff write
/// only the sickbeds of their own organization. At most one open sickbed per elder is the partial unique index
/// ux_sickbed_open_elder.
/// </summary>
public sealed class SickbedAccess(YiyangDb db, CurrentUser user, TimeProvider clock, IEnumerable<ISickbedConflicts> conflicts)
{
    public const string Module = "sickbeds";

    public string Actor => user.IsAuthenticated ? user.UserName : "system";

    /// <summary>Staff bound to one organization (they see and write its sickbeds only).</summary>
    public bool IsStaff => Roles.InstitutionStaff.Contains(user.Role);

    public static NotFoundException NotFound() => new("未找到该家庭病床，或您无权查看。");

    /// <summary>Medical staff and the city operator run sickbeds (rounds, nursing records).</summary>
    public void DemandWriter() => user.Demand(SickbedPolicies.Write);

    /// <summary>Assessment, opening, orders, renewal and closing are a physician's decisions.</summary>
    public void DemandDoctor() => user.Demand(SickbedPolicies.Decide, SickbedPolicies.DecideMessage);

    public IQueryable<Sickbed> Scoped(bool forWrite = false) => db.ScopedByElder<Sickbed>(user, forWrite);

    /// <summary>The sickbeds of the user's organization when the user is staff; all of <paramref name="query"/> otherwise.</summary>
    public IQueryable<Sickbed> OwnOrganization(IQueryable<Sickbed> query) =>
        IsStaff ? query.Where(s => s.OrganizationId == user.OrganizationId) : query;

    /// <summary>Loads a sickbed the user may write: visible elder and (staff) their own organization; otherwise 404.</summary>
    public async Task<Sickbed> LoadForWriteAsync(long id, CancellationToken ct)
    {
        var s = await Scoped(forWrite: true).Include(x => x.Services).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound();
        if (IsStaff && user.OrganizationId != s.OrganizationId) throw NotFound();
        return s;
    }

    /// <summary>
    /// Loads a versioned sickbed for a physician's decision: 403 for others, 404 out of scope, 412 (If-Match) or 409 (body
    /// version) when stale, 409 when the status does not allow <paramref name="action"/>.
    /// </summary>
    public async Task<Sickbed> LoadForDecisionAsync(long id, SickbedAction action, int? ifMatch, int? bodyVersion, CancellationToken ct)
    {
        DemandDoctor();
        var s = await LoadForWriteAsync(id, ct);
        Etags.CheckVersion(s.Version, ifMatch, bodyVersion);
        Allow(s, action);
        return s;
    }

    /// <summary>409 invalid-state unless the status allows the action.</summary>
    public static void Allow(Sickbed s, SickbedAction action)
    {
        if (SickbedRules.Blocker(s.Status, action) is { } why) throw new ConflictException("invalid-state", why);
    }

    public static ConflictException OpenExists(long? existingId)
    {
        var e = new ConflictException("open-sickbed", "该老年人已有未撤床的家庭病床（申请中、待建床或在床），同一时间只能有一张家庭病床。");
        if (existingId is not null) e.Extensions["existingId"] = existingId;
        return e;
    }

    /// <summary>409 when the elder lives or is treated somewhere that rules out a sickbed (<see cref="ISickbedConflicts"/>).</summary>
    public async Task CheckConflictsAsync(long elderId, CancellationToken ct)
    {
        foreach (var c in conflicts)
            if (await c.FindAsync(elderId, ct) is { } conflict)
                throw new ConflictException(conflict.Code, conflict.Message);
    }

    public TimelineEvent Event(long elderId, string kind, string summary) =>
        TimelineEvent.Create(elderId, clock.GetUtcNow(), kind, Module, summary, Actor);

    /// <summary>Free text as stored: trimmed, personal data scrubbed; null when blank.</summary>
    public static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : Masking.Scrub(s.Trim());

    /// <summary>A changed sickbed: new version, updated now.</summary>
    public void Touch(Sickbed s)
    {
        s.UpdatedAt = clock.GetUtcNow();
        s.Version++;
    }

    /// <summary>Saves; a concurrent application for the same elder that won (ux_sickbed_open_elder) is the open-sickbed 409.</summary>
    public Task SaveAsync(CancellationToken ct) => db.SaveOrConflictAsync(ct, onDuplicate: () => OpenExists(null));

    /// <summary>A date of the sickbed's history: not after today, not before <paramref name="notBefore"/>.</summary>
    public void CheckDate(FieldErrors errors, string field, DateOnly day, DateOnly notBefore, string notBeforeText)
    {
        if (day > clock.ChinaToday()) errors.Add(field, "日期不能晚于今天。");
        else if (day < notBefore) errors.Add(field, $"日期不能早于{notBeforeText}（{notBefore:yyyy-MM-dd}）。");
    }

    /// <summary>An ICD-10 diagnosis (code and name), required or optional (then both or neither).</summary>
    public static (string? Code, string? Name) Diagnosis(FieldErrors errors, string? code, string? name, bool required)
    {
        string? c = null, n = null;
        if (required || !string.IsNullOrWhiteSpace(code) || !string.IsNullOrWhiteSpace(name))
        {
            c = SickbedRules.NormalizeIcd10(code);
            if (c is null) errors.Add("diagnosisCode", "请填写有效的 ICD-10 诊断编码（如 I69.3、I63.900）。");
            n = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
            if (n is null || n.Length > 100) errors.Add("diagnosisName", "请填写诊断名称（最多 100 个字）。");
        }
        return (c, n);
    }
}
