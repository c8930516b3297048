using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;

namespace Yiyang.Modules.HomeVisits;

/// <summary>
/// A planned slot of a package item: contract + service + date, unique, so planning the same month twice creates nothing
/// new. Claimed before its visit is created; <see cref="VisitId"/> is the planned visit that carries the service.
/// </summary>
public sealed class HomeVisitPlanSlot
{
    public long Id { get; set; }
    public long ContractId { get; set; }
    public required string ServiceCode { get; set; }
    public DateOnly SlotDate { get; set; }
    public long? VisitId { get; set; }
    public required string CountyCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class HomeVisitPlanSlotConfiguration : IEntityTypeConfiguration<HomeVisitPlanSlot>
{
    public void Configure(EntityTypeBuilder<HomeVisitPlanSlot> b)
    {
        b.ToTable("homecare_visit_plan");
        b.Property(x => x.ServiceCode).HasMaxLength(32);
        b.Property(x => x.CountyCode).HasMaxLength(6);
        b.HasIndex(x => new { x.ContractId, x.ServiceCode, x.SlotDate }).IsUnique().HasDatabaseName("ux_homecare_visit_plan_slot");
        b.HasIndex(x => x.VisitId);
        b.HasOne<FamilyDoctorContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<HomeVisit>().WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Pure rules of the planner: spreading a package item's quantity over its periods.</summary>
public static class VisitPlanRules
{
    /// <summary>
    /// The dates of an item of <paramref name="quantity"/> per <paramref name="period"/> (year / quarter / month) over a
    /// contract [start, end]: periods are anchored at the contract start (a year from the start date, etc.), and the i-th
    /// of q services of a period of L days falls on period start + floor(i·L/q). Dates after the end are dropped.
    /// </summary>
    public static IEnumerable<DateOnly> Slots(DateOnly start, DateOnly end, string period, int quantity)
    {
        if (quantity <= 0 || end < start) yield break;
        var months = period switch { "month" => 1, "quarter" => 3, _ => 12 };
        for (var k = 0; ; k++)
        {
            var from = start.AddMonths(k * months);
            if (from > end) yield break;
            var length = from.AddMonths(months).DayNumber - from.DayNumber;
            for (var i = 0; i < quantity; i++)
            {
                var day = from.AddDays((int)((long)i * length / quantity));
                if (day <= end) yield return day;
            }
        }
    }
}

public sealed record PlanInput(long? OrganizationId, string? Month);

public sealed record PlanResult(long OrganizationId, string Month, int Contracts, int VisitsCreated, int ServicesPlanned, int AlreadyPlanned);

/// <summary>
/// Plans the home visits of a month for an organization's active family-doctor contracts (issue 3, must-have 2 "planned
/// from package frequencies"): each package item's quantity is spread over its period (<see cref="VisitPlanRules.Slots"/>);
/// the items due on one day for one contract become one planned visit (source package) made through
/// <see cref="HomeCareService.CreateAsync"/>. Slots already planned are skipped (unique slot rows), so running twice
/// creates nothing new. Days before today are not planned.
/// </summary>
public sealed class VisitPlanner(YiyangDb db, CurrentUser user, HomeCareService homeCare, AuditTrail audit, TimeProvider clock)
{
    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    public async Task<PlanResult> PlanAsync(PlanInput input, CancellationToken ct)
    {
        if (!Policies.Map[Policies.FamilyDoctorWrite].Contains(user.Role)) throw new ForbiddenException();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var errors = new FieldErrors();
        var isStaff = Roles.InstitutionStaff.Contains(user.Role);
        var orgId = isStaff ? user.OrganizationId : input.OrganizationId;
        if (isStaff && input.OrganizationId is { } given && given != user.OrganizationId) errors.Add("organizationId", "只能为本机构计划上门服务。");
        if (orgId is null) errors.Add("organizationId", "请选择机构。");
        DateOnly first = default;
        if (!DateOnly.TryParseExact(input.Month?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first))
            errors.Add("month", "月份格式应为 yyyy-MM，如 2026-12。");
        else if (first < new DateOnly(today.Year, today.Month, 1) || first > today.AddMonths(11))
            errors.Add("month", "只能计划本月至 11 个月后的月份。");
        errors.ThrowIfAny();
        var last = first.AddMonths(1).AddDays(-1);
        var from = first < today ? today : first;

        var contracts = await db.Set<FamilyDoctorContract>().AsNoTracking()
            .Where(c => c.OrganizationId == orgId && c.Status == ContractStatus.Active && c.StartDate <= last && c.EndDate >= from)
            .OrderBy(c => c.Id).ToListAsync(ct);
        var packageIds = contracts.Select(c => c.PackageId).Distinct().ToList();
        var items = (await db.Set<FamilyDoctorPackageItem>().AsNoTracking().Where(i => packageIds.Contains(i.PackageId)).OrderBy(i => i.Id).ToListAsync(ct))
            .ToLookup(i => i.PackageId);

        int created = 0, services = 0, already = 0;
        foreach (var c in contracts)
        {
            var due = items[c.PackageId]
                .SelectMany(i => VisitPlanRules.Slots(c.StartDate, c.EndDate, i.Period, i.Quantity).Where(d => d >= from && d <= last)
                    .Select(d => (Day: d, Item: i)))
                .GroupBy(x => x.Day).OrderBy(g => g.Key);
            foreach (var day in due)
            {
                // claim the slots first: a second run (or a concurrent one) finds them taken
                var claimed = new List<HomeVisitPlanSlot>();
                foreach (var (_, item) in day)
                {
                    if (await db.Set<HomeVisitPlanSlot>().AnyAsync(s => s.ContractId == c.Id && s.ServiceCode == item.ServiceCode && s.SlotDate == day.Key, ct))
                    {
                        already++;
                        continue;
                    }
                    var slot = new HomeVisitPlanSlot { ContractId = c.Id, ServiceCode = item.ServiceCode, SlotDate = day.Key, CountyCode = c.CountyCode, CreatedAt = clock.GetUtcNow() };
                    db.Add(slot);
                    try
                    {
                        await db.SaveChangesAsync(ct);
                        claimed.Add(slot);
                    }
                    catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
                    {
                        db.Entry(slot).State = EntityState.Detached;
                        already++;
                    }
                }
                if (claimed.Count == 0) continue;
                var codes = claimed.Select(s => s.ServiceCode).ToHashSet();
                var planned = day.Where(x => codes.Contains(x.Item.ServiceCode))
                    .Select(x => new PlannedServiceInput(x.Item.ServiceCode, x.Item.ServiceName)).ToList();
                try
                {
                    var r = await homeCare.CreateAsync(new VisitInput(c.ElderId, c.TeamId, day.Key, "package", planned), null, ct);
                    foreach (var s in claimed) s.VisitId = r.Visit.Id;
                    await db.SaveChangesAsync(ct);
                    created++;
                    services += planned.Count;
                }
                catch (AppException)
                {
                    // the elder is out of the planner's scope or the visit was refused: release the claims
                    db.RemoveRange(claimed);
                    await db.SaveChangesAsync(ct);
                }
            }
        }
        var month = first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await audit.RecordAsync("homecare.visit.plan", "organization", orgId.ToString(), null, $"month={month};visits={created};services={services}");
        return new PlanResult(orgId!.Value, month, contracts.Count, created, services, already);
    }

    public static void MapVisitPlanner(IEndpointRouteBuilder app) =>
        app.MapPost("/api/home-visits/plan", async Task<Ok<PlanResult>> (PlanInput input, YiyangDb db, CurrentUser user, HomeCareService homeCare,
                AuditTrail audit, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await new VisitPlanner(db, user, homeCare, audit, clock).PlanAsync(input, ct)))
            .WithTags("HomeCare")
            .RequireAuthorization(Policies.FamilyDoctorWrite)
            .ProducesProblem(400).ProducesProblem(403)
            .WithSummary("按服务包频次计划某月上门服务：{organizationId, month: yyyy-MM}；每个服务项目的次数在其周期内均匀分布（周期自签约起算），同一天的项目合为一次上门；已计划的不再重复（唯一约束），今天之前的日期不计划");
}
