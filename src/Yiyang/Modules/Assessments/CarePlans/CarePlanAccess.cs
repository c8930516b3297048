using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>
/// Care plans within the user's scope (分级照护, docs/domain/care-plans-and-ltc.md): reads and writes are limited to the
/// elders in the user's scope (404 otherwise); writers get no agreement grant.
/// </summary>
public sealed class CarePlanAccess(YiyangDb db, CurrentUser user, TimeProvider clock)
{
    public const string Module = "assessments";

    public string Actor => user.IsAuthenticated ? user.UserName : "system";

    public static NotFoundException NoPlan() => new("未找到该照护计划，或您无权查看。");

    public IQueryable<CarePlan> Scoped(bool forWrite = false) => db.ScopedByElder<CarePlan>(user, forWrite);

    /// <summary>A plan to change, with its items: the user must hold care-plan writing (403) and the elder be writable (404).</summary>
    public async Task<CarePlan> LoadForWriteAsync(long id, CancellationToken ct)
    {
        user.Demand(AssessmentPolicies.CarePlansWrite);
        return await Scoped(forWrite: true).AsTracking().Include(p => p.Items).FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw NoPlan();
    }

    public static ConflictException NotDraft(CarePlan p) => p.Status == CarePlanStatus.Confirmed
        ? new ConflictException("confirmed", "该照护计划已确认，不能修改；如需调整，请修订（生成新计划）或结束计划。")
        : new ConflictException("ended", "该照护计划已结束，不能修改。");

    public TimelineEvent Event(long elderId, string kind, string summary) =>
        TimelineEvent.Create(elderId, clock.GetUtcNow(), kind, Module, summary, Actor);

    public static string Summary(CarePlan p) =>
        $"{p.CareLevelName}，{p.Items.Count} 个服务项目" + (p.Items.Any(i => i.LtcCovered) ? $"（长护险支付 {p.Items.Count(i => i.LtcCovered)} 项）" : "");

    /// <summary>The elder's contracted family-doctor team (active contract), if any.</summary>
    public Task<long?> TeamOfAsync(long elderId, CancellationToken ct) =>
        db.Set<FamilyDoctorContract>().AsNoTracking().Where(c => c.ElderId == elderId && c.Status == ContractStatus.Active)
            .Select(c => (long?)c.TeamId).FirstOrDefaultAsync(ct);
}
