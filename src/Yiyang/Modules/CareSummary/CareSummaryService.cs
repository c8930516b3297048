using Yiyang.Modules.Assessments;
using Yiyang.Modules.Billing;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Modules.HealthManagement;
using Yiyang.Modules.HomeVisits;
using Yiyang.Modules.Sickbeds;

namespace Yiyang.Modules.CareSummary;

public sealed record SummaryCharge(string ItemCode, string ItemName, decimal ListPrice, decimal PatientAmount, string Payer, string PayerName,
    string? CoveredBy);

public sealed record SummaryVisit(long Id, DateOnly PlannedDate, string Status, string StatusName, int ServicesCount, string Url,
    IReadOnlyList<SummaryCharge> Charges, decimal PatientTotal);

public sealed record SummaryContract(long Id, string TeamName, string PackageName, DateOnly StartDate, DateOnly EndDate, string Url);

public sealed record SummarySickbed(long Id, string Status, string StatusName, string DiagnosisName, DateOnly? OpenedOn, DateOnly? CycleEndsOn,
    string Url);

public sealed record SummaryLink(string Name, string Url);

/// <summary>
/// What the elder's page shows of home and community care: each part only when the user's role may read it (null
/// otherwise); <see cref="Visits"/> are the newest <see cref="CareSummaryService.MaxVisits"/>.
/// </summary>
public sealed record ElderCareSummary(long ElderId, IReadOnlyList<SummaryVisit>? Visits, bool ChargesShown, SummaryContract? Contract,
    bool ContractShown, SummarySickbed? Sickbed, bool SickbedShown, IReadOnlyList<SummaryLink> Links);

/// <summary>
/// The elder's care at a glance: home visits with their charges, the
/// active family-doctor contract, an open family sickbed, and links to assessments, care plan and health management.
/// Reads only; the elder must be in the user's scope (<see cref="ElderScope"/>, else 404); every view is audited.
/// </summary>
public sealed class CareSummaryService(YiyangDb db, CurrentUser user, AuditTrail audit)
{
    public const int MaxVisits = 20;

    public async Task<ElderCareSummary> GetAsync(long elderId, CancellationToken ct)
    {
        user.Demand(ElderPolicies.Read);
        var inScope = await ElderScope.Apply(db.Elders.AsNoTracking(), user).AnyAsync(e => e.Id == elderId, ct);
        if (!inScope) throw new NotFoundException("未找到该老人，或您无权查看。");

        List<SummaryVisit>? visits = null;
        var chargesShown = user.Can(BillingPolicies.Read);
        SummaryContract? contract = null;
        var contractShown = user.Can(FamilyDoctorPolicies.Read);
        if (contractShown)
        {
            var rows = await db.Set<HomeVisit>().AsNoTracking().Where(v => v.ElderId == elderId)
                .OrderByDescending(v => v.PlannedDate).ThenByDescending(v => v.Id).Take(MaxVisits)
                .Select(v => new { v.Id, v.PlannedDate, v.Status, Count = v.Services.Count })
                .ToListAsync(ct);
            var ids = rows.Select(r => r.Id).ToList();
            var charges = chargesShown
                ? await db.Set<BillingCharge>().AsNoTracking().Where(c => ids.Contains(c.VisitId)).OrderBy(c => c.Kind).ThenBy(c => c.Id).ToListAsync(ct)
                : [];
            visits = rows.Select(r =>
            {
                var lines = charges.Where(c => c.VisitId == r.Id)
                    .Select(c => new SummaryCharge(c.ItemCode, c.ItemName, c.ListPriceYuan, c.PatientAmountYuan, c.Payer, Payers.Name(c.Payer), c.CoveredBy))
                    .ToList();
                return new SummaryVisit(r.Id, r.PlannedDate, VisitRules.StatusCode(r.Status), VisitRules.StatusName(r.Status), r.Count,
                    $"/HomeCare/Visit/{r.Id}", lines, lines.Sum(l => l.PatientAmount));
            }).ToList();

            contract = await (from c in db.Set<FamilyDoctorContract>().AsNoTracking()
                              where c.ElderId == elderId && c.Status == ContractStatus.Active
                              join t in db.Set<FamilyDoctorTeam>() on c.TeamId equals t.Id
                              join p in db.Set<FamilyDoctorPackage>() on c.PackageId equals p.Id
                              select new SummaryContract(c.Id, t.Name, p.Name, c.StartDate, c.EndDate, "/FamilyDoctor/Details/" + c.Id))
                .FirstOrDefaultAsync(ct);
        }

        SummarySickbed? sickbed = null;
        var sickbedShown = user.Can(SickbedPolicies.Read);
        if (sickbedShown)
        {
            var open = new[] { SickbedStatus.Applied, SickbedStatus.Approved, SickbedStatus.Opened };
            var s = await db.Set<Sickbed>().AsNoTracking().Where(x => x.ElderId == elderId && open.Contains(x.Status))
                .OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
            if (s is not null)
                sickbed = new SummarySickbed(s.Id, SickbedRules.StatusCode(s.Status), SickbedRules.StatusName(s.Status), s.DiagnosisName,
                    s.OpenedOn, s.CycleEndsOn, $"/Sickbeds/Details/{s.Id}");
        }

        var links = new List<SummaryLink>();
        if (user.Can(AssessmentPolicies.Score))
        {
            links.Add(new("能力评估记录", $"/Assessments/Elder/{elderId}"));
            links.Add(new("照护计划", $"/Assessments/CarePlan?elderId={elderId}"));
        }
        if (user.Can(HealthManagementPolicies.Read)) links.Add(new("健康管理", $"/HealthManagement/Elder/{elderId}"));

        await audit.RecordAsync("elders.care-summary.view", "elder", elderId.ToString(), elderId,
            $"visits={visits?.Count ?? 0};contract={(contract is null ? 0 : 1)};sickbed={(sickbed is null ? 0 : 1)}", wait: false);
        return new ElderCareSummary(elderId, visits, chargesShown, contract, contractShown, sickbed, sickbedShown, links);
    }
}
