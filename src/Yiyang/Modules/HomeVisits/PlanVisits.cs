using System.Globalization;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.HomeVisits;

public sealed record PlanInput(long? OrganizationId, string? Month);

public sealed record PlanResult(long OrganizationId, string Month, int Contracts, int VisitsCreated, int ServicesPlanned, int AlreadyPlanned);

/// <summary>
/// Plans the home visits of a month for an organization's active family-doctor contracts
/// (docs/domain/home-visits-and-billing.md#visit-planner): each package item's quantity is spread over its period
/// (<see cref="VisitPlanRules.Slots"/>); the items due on one day for one contract become one planned visit (source
/// package) made through <see cref="CreateVisit"/>. Slots already planned are skipped (unique slot rows), so running
/// twice creates nothing new. Days before today are not planned.
/// </summary>
public sealed class PlanVisits(YiyangDb db, CurrentUser user, CreateVisit createVisit, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/plan", async Task<Ok<PlanResult>> (PlanInput input, PlanVisits handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(input, ct)))
            .RequireAuthorization(FamilyDoctorPolicies.Write)
            .ProducesProblems(400, 403)
            .WithSummary("按服务包频次计划某月上门服务：{organizationId, month: yyyy-MM}；每个服务项目的次数在其周期内均匀分布（周期自签约起算），同一天的项目合为一次上门；已计划的不再重复（唯一约束），今天之前的日期不计划");

    private sealed class Tally
    {
        public int Created, Services, Already;
    }

    public async Task<PlanResult> HandleAsync(PlanInput input, CancellationToken ct)
    {
        user.Demand(FamilyDoctorPolicies.Write);
        var today = clock.ChinaToday();
        var (orgId, first) = Validate(input, today);
        var last = first.AddMonths(1).AddDays(-1);
        var from = first < today ? today : first;

        var contracts = await db.Set<FamilyDoctorContract>().AsNoTracking()
            .Where(c => c.OrganizationId == orgId && c.Status == ContractStatus.Active && c.StartDate <= last && c.EndDate >= from)
            .OrderBy(c => c.Id).ToListAsync(ct);
        var packageIds = contracts.Select(c => c.PackageId).Distinct().ToList();
        var items = (await db.Set<FamilyDoctorPackageItem>().AsNoTracking().Where(i => packageIds.Contains(i.PackageId)).OrderBy(i => i.Id).ToListAsync(ct))
            .ToLookup(i => i.PackageId);

        var tally = new Tally();
        foreach (var c in contracts)
        {
            var due = items[c.PackageId]
                .SelectMany(i => VisitPlanRules.Slots(c.StartDate, c.EndDate, i.Period, i.Quantity).Where(d => d >= from && d <= last)
                    .Select(d => (Day: d, Item: i)))
                .GroupBy(x => x.Day).OrderBy(g => g.Key);
            foreach (var day in due) await PlanDayAsync(c, day.Key, day.Select(x => x.Item).ToList(), tally, ct);
        }
        var month = first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await audit.RecordAsync("homecare.visit.plan", "organization", orgId.ToString(), null, $"month={month};visits={tally.Created};services={tally.Services}");
        return new PlanResult(orgId, month, contracts.Count, tally.Created, tally.Services, tally.Already);
    }

    private (long OrganizationId, DateOnly First) Validate(PlanInput input, DateOnly today)
    {
        var errors = new FieldErrors();
        var isStaff = Roles.InstitutionStaff.Contains(user.Role);
        var orgId = isStaff ? user.OrganizationId : input.OrganizationId;
        if (isStaff && input.OrganizationId is { } given && given != user.OrganizationId) errors.Add("organizationId", "只能为本机构计划上门服务。");
        if (orgId is null) errors.Add("organizationId", "请选择机构。");
        if (!DateOnly.TryParseExact(input.Month?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            errors.Add("month", "月份格式应为 yyyy-MM，如 2026-12。");
        else if (first < new DateOnly(today.Year, today.Month, 1) || first > today.AddMonths(11))
            errors.Add("month", "只能计划本月至 11 个月后的月份。");
        errors.ThrowIfAny();
        return (orgId!.Value, first);
    }

    /// <summary>One contract's items due on one day: claims their slots, then makes one planned visit of them.</summary>
    private async Task PlanDayAsync(FamilyDoctorContract c, DateOnly day, List<FamilyDoctorPackageItem> dueItems, Tally tally, CancellationToken ct)
    {
        // claim the slots first: a second run (or a concurrent one) finds them taken
        var claimed = new List<HomeVisitPlanSlot>();
        foreach (var item in dueItems)
        {
            if (await ClaimAsync(c, item, day, ct) is { } slot) claimed.Add(slot);
            else tally.Already++;
        }
        if (claimed.Count == 0) return;
        var codes = claimed.Select(s => s.ServiceCode).ToHashSet();
        var planned = dueItems.Where(i => codes.Contains(i.ServiceCode)).Select(i => new PlannedServiceInput(i.ServiceCode, i.ServiceName)).ToList();
        try
        {
            var r = await createVisit.HandleAsync(new VisitInput(c.ElderId, c.TeamId, day, "package", planned), null, ct);
            foreach (var s in claimed) s.VisitId = r.Visit.Id;
            await db.SaveChangesAsync(ct);
            tally.Created++;
            tally.Services += planned.Count;
        }
        catch (AppException)
        {
            // the elder is out of the planner's scope or the visit was refused: release the claims
            db.RemoveRange(claimed);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The slot of an item on a day, or null when it was planned already (by an earlier or a concurrent run).</summary>
    private async Task<HomeVisitPlanSlot?> ClaimAsync(FamilyDoctorContract c, FamilyDoctorPackageItem item, DateOnly day, CancellationToken ct)
    {
        if (await db.Set<HomeVisitPlanSlot>().AnyAsync(s => s.ContractId == c.Id && s.ServiceCode == item.ServiceCode && s.SlotDate == day, ct))
            return null;
        var slot = new HomeVisitPlanSlot { ContractId = c.Id, ServiceCode = item.ServiceCode, SlotDate = day, CountyCode = c.CountyCode, CreatedAt = clock.GetUtcNow() };
        db.Add(slot);
        try
        {
            await db.SaveChangesAsync(ct);
            return slot;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.Entry(slot).State = EntityState.Detached;
            return null;
        }
    }
}
