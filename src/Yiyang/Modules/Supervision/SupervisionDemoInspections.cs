using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

/// <summary>
/// Demo on-site inspection: the first organization of the demo draw was inspected five weeks ago by its two drawn
/// inspectors, signed by its representative; one item failed and its finding, due two weeks later, is still open (overdue:
/// it is on the bureau's list). Skipped when the working-day calendar does not cover the dates (no silent count).
/// </summary>
public static class SupervisionDemoInspections
{
    /// <summary>A 1×1 white PNG standing in for the representative's signature.</summary>
    private static readonly byte[] SignaturePng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static async Task SeedAsync(YiyangDb db, InspectionPlan plan, DateTimeOffset now, CancellationToken ct)
    {
        var draw = await db.Set<InspectionDraw>().AsNoTracking().Where(d => d.PlanId == plan.Id).OrderByDescending(d => d.Sequence).FirstOrDefaultAsync(ct);
        if (draw is null) return;
        var assigned = await db.Set<InspectionAssignment>().AsNoTracking().Where(a => a.DrawId == draw.Id && a.Position == 1)
            .OrderBy(a => a.InspectorPosition).ToListAsync(ct);
        if (assigned.Count < 2) return;
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == assigned[0].OrganizationId, ct);
        var kind = OrganizationKinds.Code(org.Kind);
        var bureaus = PlanAccess.BureausOf(plan);
        var lists = (await new ChecklistQueries(db).CurrentAsync(null, kind, ct)).Where(c => bureaus.Contains(c.Bureau)).ToList();
        var finishedOn = now.ChinaDate().AddDays(-35);
        DateOnly publicationDue, findingDue;
        try
        {
            var workingDays = new WorkingDays(db);
            publicationDue = await workingDays.AddWorkingDaysAsync(finishedOn, 20, ct);
            findingDue = await workingDays.AddWorkingDaysAsync(finishedOn, 10, ct);
        }
        catch (BusinessRuleException)
        {
            return; // a year without a calendar: no demo inspection rather than a guessed date
        }
        var finishedAt = finishedOn.ChinaStartOfDay().AddHours(11);
        var inspectors = await db.Users.AsNoTracking().Where(u => u.Id == assigned[0].InspectorUserId || u.Id == assigned[1].InspectorUserId)
            .ToDictionaryAsync(u => u.Id, u => u.UserName, ct);
        var items = lists.SelectMany(c => c.Items.Select(x => (c.Id, x.Category, x.Text))).ToList();
        const int failed = 2;
        if (items.Count < failed) return;
        var i = new Inspection
        {
            PlanId = plan.Id,
            DrawId = draw.Id,
            OrganizationId = org.Id,
            RegionCode = org.TownshipCode,
            Status = InspectionRules.Finished,
            StartedByUser = inspectors[assigned[0].InspectorUserId],
            StartedAt = finishedAt.AddHours(-2),
            RepresentativeName = "机构负责人",
            SignaturePng = SignaturePng,
            SignedAt = finishedAt.AddMinutes(-5),
            PresentInspectorIds = string.Join(',', assigned.Take(2).Select(a => a.InspectorUserId).Order()),
            FinishedByUser = inspectors[assigned[0].InspectorUserId],
            FinishedAt = finishedAt,
            FinishedOn = finishedOn,
            PublicationDueOn = publicationDue,
            Outcome = InspectionRules.NonCompliant,
            PassCount = items.Count - 1,
            FailCount = 1,
            UpdatedAt = finishedAt,
            Version = 1,
        };
        db.Add(i);
        await db.SaveChangesAsync(ct);
        db.AddRange(items.Select((x, n) => new InspectionItem
        {
            InspectionId = i.Id,
            Position = n + 1,
            ChecklistId = x.Id,
            Category = x.Category,
            Text = x.Text,
            Result = n + 1 == failed ? "fail" : "pass",
            Note = n + 1 == failed ? "医疗区与生活照护区之间未设物理隔断" : null,
            RecordedByUser = inspectors[assigned[1].InspectorUserId],
            RecordedAt = finishedAt.AddMinutes(-30),
        }));
        db.Add(new Finding
        {
            InspectionId = i.Id,
            ItemPosition = failed,
            OrganizationId = org.Id,
            RegionCode = org.TownshipCode,
            Severity = "moderate",
            LegalBasis = "《医疗机构感染预防与控制基本制度（试行）》",
            Requirement = "在医疗区与生活照护区之间设置物理隔断，并更新院感分区登记。",
            DeadlineWorkingDays = 10,
            IssuedOn = finishedOn,
            DueOn = findingDue,
            Status = "open",
            CreatedByUser = inspectors[assigned[0].InspectorUserId],
            CreatedAt = finishedAt.AddMinutes(10),
            UpdatedAt = finishedAt.AddMinutes(10),
            Version = 1,
        });
        await db.SaveChangesAsync(ct);
    }
}
