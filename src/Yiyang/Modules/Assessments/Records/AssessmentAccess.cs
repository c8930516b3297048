using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Assessments.Records;

/// <summary>
/// Saved assessments within the user's scope (docs/domain/assessments.md#draft-sign-correct): every read and write is
/// limited to the elders the user may see (404 otherwise); writers get no agreement grant.
/// </summary>
public sealed class AssessmentAccess(YiyangDb db, CurrentUser user, InstrumentCatalog catalog, TimeProvider clock, IOptions<AssessmentOptions> options)
{
    public const string Module = "assessments";

    public string Actor => user.IsAuthenticated ? user.UserName : "system";

    /// <summary>The reassessment period in months (configured; 12 when out of range).</summary>
    public int Months => options.Value.ReassessmentMonths is > 0 and <= 60 ? options.Value.ReassessmentMonths : 12;

    /// <param name="forWrite">Writers get no agreement grant (a partner hospital reads covered residents, never writes).</param>
    public IQueryable<Assessment> Scoped(bool forWrite = false) => db.ScopedByElder<Assessment>(user, forWrite);

    public async Task<Elder> ScopedElderAsync(long? elderId, CancellationToken ct, bool forWrite = false)
    {
        if (elderId is not { } id) throw ValidationFailedException.For("elderId", "请选择被评估的老年人。");
        return await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite).FirstOrDefaultAsync(e => e.Id == id, ct)
               ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
    }

    /// <summary>An assessment to change: the user must be a writer (403) and the elder writable (404).</summary>
    public async Task<Assessment> LoadForWriteAsync(long id, CancellationToken ct)
    {
        user.Demand(ElderPolicies.Write);
        return await Scoped(forWrite: true).AsTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("未找到该评估，或您无权查看。");
    }

    public static ConflictException Immutable(Assessment a) => a.Status == AssessmentStatus.Superseded
        ? new ConflictException("superseded", "该评估已被更正，不能修改。")
        : new ConflictException("signed", "该评估已签署，不能修改；如需更正，请提交更正（生成新版本）。");

    public TimelineEvent Event(long elderId, string kind, string summary) =>
        TimelineEvent.Create(elderId, clock.GetUtcNow(), kind, Module, summary, Actor);

    public string Describe(Assessment a) =>
        AssessmentMapping.Describe(catalog.Find(a.InstrumentCode)?.Name ?? a.InstrumentCode, a.Total, a.LevelCode, a.LevelName, a.Reason);

    /// <summary>
    /// The signed versions that count for reassessment: signed ones, and superseded ones whose correction is still a
    /// draft (the corrected result is not in force yet).
    /// </summary>
    public IQueryable<Assessment> Effective(IQueryable<Assessment> q)
    {
        var all = db.Set<Assessment>();
        return q.Where(a => a.Status == AssessmentStatus.Signed
                            || (a.Status == AssessmentStatus.Superseded && !all.Any(n => n.PreviousId == a.Id && n.Status != AssessmentStatus.Draft)));
    }

    /// <summary>The name of an elder in scope (404 otherwise), for pages.</summary>
    public async Task<string> ElderNameAsync(long elderId, CancellationToken ct) => (await ScopedElderAsync(elderId, ct)).Name;

    /// <summary>The latest signed periodic assessment's next-due date of one elder (for the elder's page).</summary>
    public async Task<DateOnly?> NextDueAsync(long elderId, CancellationToken ct) =>
        await Effective(Scoped().AsNoTracking()).Where(a => a.ElderId == elderId && a.NextDue != null).MaxAsync(a => a.NextDue, ct);
}
