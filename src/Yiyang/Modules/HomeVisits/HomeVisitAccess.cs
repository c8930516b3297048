using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.HomeVisits;

/// <summary>
/// What the home-visit use cases share: the visits a user may see (whoever may see the elder, <see cref="ElderScope"/>),
/// loading one for writing (the family-doctor writers record visits), the state guards, saving and the timeline.
/// </summary>
public sealed class HomeVisitAccess(YiyangDb db, CurrentUser user, TimeProvider clock)
{
    public const string Module = "homecare";

    public string Actor => user.IsAuthenticated ? user.UserName : "system";

    /// <summary>Institution staff act for their own organization.</summary>
    public bool IsStaff => Roles.InstitutionStaff.Contains(user.Role);

    public void DemandWriter() => user.Demand(FamilyDoctorPolicies.Write);

    /// <summary>The visits whose elder the user may see (no AsNoTracking: writers load through here).</summary>
    public IQueryable<HomeVisit> Scoped(bool forWrite = false) => db.ScopedByElder<HomeVisit>(user, forWrite);

    public static NotFoundException NotFound() => new("未找到该上门服务记录，或您无权查看。");

    public async Task<HomeVisit> LoadForWriteAsync(long id, CancellationToken ct)
    {
        DemandWriter();
        return await Scoped(forWrite: true).Include(v => v.Services).Include(v => v.Vital).FirstOrDefaultAsync(v => v.Id == id, ct)
               ?? throw NotFound();
    }

    /// <summary>
    /// The visit for writing, with the elder's and the team's names read in the same statement (the completion answers
    /// with them: one round trip fewer than reading them after the commit).
    /// </summary>
    public async Task<(HomeVisit Visit, string ElderName, string? TeamName)> LoadWithNamesForWriteAsync(long id, CancellationToken ct)
    {
        DemandWriter();
        var row = await Scoped(forWrite: true).Where(v => v.Id == id)
                      .Select(v => new
                      {
                          Visit = v,
                          v.Services,
                          v.Vital,
                          Elder = db.Elders.Where(e => e.Id == v.ElderId).Select(e => e.Name).FirstOrDefault(),
                          Team = db.Set<FamilyDoctorTeam>().Where(t => t.Id == v.TeamId).Select(t => t.Name).FirstOrDefault(),
                      })
                      .FirstOrDefaultAsync(ct)
                  ?? throw NotFound();
        return (row.Visit, row.Elder ?? "", row.Team);
    }

    /// <summary>The elder's and the team's names in one query.</summary>
    public async Task<(string Elder, string? Team)> NamesAsync(long elderId, long? teamId, CancellationToken ct)
    {
        var row = await db.Elders.AsNoTracking().Where(e => e.Id == elderId)
            .Select(e => new { e.Name, Team = db.Set<FamilyDoctorTeam>().Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        return (row?.Name ?? "", row?.Team);
    }

    public static void RequireOpen(HomeVisit visit)
    {
        if (visit.Status == VisitStatus.Completed) throw new ConflictException("visit-completed", "该次上门服务已完成，不能再修改。");
    }

    public static void RequireCheckedIn(HomeVisit visit)
    {
        RequireOpen(visit);
        if (visit.Status != VisitStatus.CheckedIn) throw new ConflictException("not-checked-in", "尚未签到，请先在老人家中签到。");
    }

    /// <summary>Saves; a lost update is the general concurrency 409.</summary>
    public Task SaveAsync(CancellationToken ct) => db.SaveOrConflictAsync(ct);

    /// <summary>A change of the visit: a new version.</summary>
    public void Touch(HomeVisit v)
    {
        v.UpdatedAt = clock.GetUtcNow();
        v.Version++;
    }

    public void AddEvent(long elderId, string kind, string summary) =>
        db.TimelineEvents.Add(TimelineEvent.Create(elderId, clock.GetUtcNow(), kind, Module, summary, Actor));
}
