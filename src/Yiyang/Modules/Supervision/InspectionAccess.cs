namespace Yiyang.Modules.Supervision;

/// <summary>
/// Who reaches an inspection (docs/domain/supervision.md#who-sees-what): the inspectors drawn for its organization in its
/// draw record and read it, drafts included; once finished, the regulators who see its plan and the organization's admin
/// read it too. Anyone else gets a 404.
/// </summary>
public sealed class InspectionAccess(YiyangDb db, CurrentUser user, PlanAccess plans, TimeProvider clock)
{
    public static NotFoundException NotFound() => new("未找到该检查记录，或您无权查看。");

    public CurrentUser User => user;
    public string Actor => user.UserName;
    public DateOnly Today => clock.ChinaToday();
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Whether the signed-in inspector was drawn for the organization in the draw.</summary>
    public Task<bool> IsDrawnAsync(long drawId, long organizationId, CancellationToken ct)
    {
        if (!user.Can(SupervisionPolicies.Inspect)) return Task.FromResult(false);
        var me = user.Id ?? 0;
        return db.Set<InspectionAssignment>().AnyAsync(a => a.DrawId == drawId && a.OrganizationId == organizationId && a.InspectorUserId == me, ct);
    }

    /// <summary>An inspection the signed-in inspector was drawn for (to record on it); others are a 404.</summary>
    public async Task<Inspection> LoadForInspectorAsync(long id, CancellationToken ct)
    {
        user.Demand(SupervisionPolicies.Inspect);
        var i = await db.Set<Inspection>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound();
        if (!await IsDrawnAsync(i.DrawId, i.OrganizationId, ct)) throw NotFound();
        return i;
    }

    /// <summary>A draft the signed-in inspector may record on: finished inspections never change (409).</summary>
    public async Task<Inspection> LoadDraftAsync(long id, int? ifMatch, CancellationToken ct)
    {
        var i = await LoadForInspectorAsync(id, ct);
        if (i.Status != InspectionRules.Draft) throw new ConflictException("inspection-finished", "该检查已完成，结果不能再修改。");
        if (ifMatch is { } v && v != i.Version) throw new PreconditionFailedException();
        return i;
    }

    /// <summary>An inspection the signed-in user may read.</summary>
    public async Task<Inspection> LoadForReadAsync(long id, CancellationToken ct)
    {
        user.Demand(SupervisionPolicies.ReadInspections);
        var i = await db.Set<Inspection>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound();
        return await MayReadAsync(i, ct) ? i : throw NotFound();
    }

    public async Task<bool> MayReadAsync(Inspection i, CancellationToken ct)
    {
        if (user.Can(SupervisionPolicies.Inspect)) return await IsDrawnAsync(i.DrawId, i.OrganizationId, ct);
        if (i.Status != InspectionRules.Finished) return false; // nobody else sees drafts
        if (user.Can(SupervisionPolicies.Plan)) return await plans.Scoped().AnyAsync(p => p.Id == i.PlanId, ct);
        return user.Can(SupervisionPolicies.AnswerFindings) && user.OrganizationId == i.OrganizationId;
    }

    /// <summary>The finished inspections the signed-in user reads, for lists (history, findings).</summary>
    public IQueryable<Inspection> ReadableFinished()
    {
        user.Demand(SupervisionPolicies.ReadInspections);
        var finished = db.Set<Inspection>().AsNoTracking().Where(i => i.Status == InspectionRules.Finished);
        if (user.Can(SupervisionPolicies.Inspect))
        {
            var me = user.Id ?? 0;
            return finished.Where(i => db.Set<InspectionAssignment>().Any(a => a.DrawId == i.DrawId && a.OrganizationId == i.OrganizationId && a.InspectorUserId == me));
        }
        if (user.Can(SupervisionPolicies.Plan))
        {
            var planIds = plans.Scoped().Select(p => p.Id);
            return finished.Where(i => planIds.Contains(i.PlanId));
        }
        if (user.Can(SupervisionPolicies.AnswerFindings) && user.OrganizationId is { } org) return finished.Where(i => i.OrganizationId == org);
        return finished.Where(_ => false);
    }
}
