using System.Globalization;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

public sealed record StartInspectionInput(long? DrawId, long? OrganizationId);

/// <summary>
/// 开始现场检查 (an inspector drawn for the organization in the current draw): the inspection is created as a draft with
/// the items of the current checklists of the plan's bureaus for the organization's kind, copied so that later checklist
/// versions do not change it (docs/domain/supervision.md#on-site-inspection). One inspection per drawn organization (409).
/// </summary>
public sealed class StartInspection(YiyangDb db, InspectionAccess access, ChecklistQueries checklists, InspectionQueries queries, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("", async Task<Created<InspectionDto>> (StartInspectionInput input, StartInspection handler, CancellationToken ct) =>
            {
                var i = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/inspections/{i.Id}", i);
            })
            .RequireAuthorization(SupervisionPolicies.Inspect)
            .ProducesProblems(400, 403, 404, 409, 422)
            .WithSummary("开始现场检查（现行抽取结果中被派往该机构的监督员）：按适用检查表生成检查项");

    public async Task<InspectionDto> HandleAsync(StartInspectionInput input, CancellationToken ct)
    {
        access.User.Demand(SupervisionPolicies.Inspect);
        var errors = new FieldErrors();
        if (input.DrawId is not > 0) errors.Add("drawId", "请指明抽取记录。");
        if (input.OrganizationId is not > 0) errors.Add("organizationId", "请指明被检查机构。");
        errors.ThrowIfAny();
        long drawId = input.DrawId!.Value, orgId = input.OrganizationId!.Value;
        if (!await access.IsDrawnAsync(drawId, orgId, ct)) throw new NotFoundException("未找到派给您的该项检查任务。");
        var draw = await db.Set<InspectionDraw>().AsNoTracking().FirstAsync(d => d.Id == drawId, ct);
        if (await db.Set<InspectionDraw>().AnyAsync(d => d.PlanId == draw.PlanId && d.Sequence > draw.Sequence, ct))
            throw new ConflictException("draw-superseded", "该抽取结果已被重新抽取取代，请按现行抽取结果检查。");
        if (await db.Set<Inspection>().AnyAsync(i => i.DrawId == drawId && i.OrganizationId == orgId, ct)) throw Exists();
        var plan = await db.Set<InspectionPlan>().AsNoTracking().FirstAsync(p => p.Id == draw.PlanId, ct);
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == orgId, ct);
        var bureaus = PlanAccess.BureausOf(plan);
        var kind = OrganizationKinds.Code(org.Kind);
        var lists = (await checklists.CurrentAsync(null, kind, ct)).Where(c => bureaus.Contains(c.Bureau)).ToList();
        if (lists.Sum(c => c.Items.Count) == 0) throw new BusinessRuleException("no-checklist", "该类机构尚无适用的检查表，请先由监管部门制定检查表。");

        var now = access.Now;
        var i = new Inspection
        {
            PlanId = plan.Id,
            DrawId = drawId,
            OrganizationId = orgId,
            RegionCode = org.TownshipCode,
            Status = InspectionRules.Draft,
            StartedByUser = access.Actor,
            StartedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        db.Add(i);
        await db.SaveOrConflictAsync(ct, onDuplicate: Exists);
        var position = 0;
        db.AddRange(lists.SelectMany(c => c.Items.Select(x => new InspectionItem
        {
            InspectionId = i.Id,
            Position = ++position,
            ChecklistId = c.Id,
            Category = x.Category,
            Text = x.Text,
        })));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("supervision.inspection.start", "inspection", i.Id.ToString(CultureInfo.InvariantCulture),
            detail: $"draw={drawId}; organization={orgId}; items={position}; checklists={string.Join(',', lists.Select(c => c.Id))}");
        return await queries.ToDtoAsync(i, withZoning: true, ct);
    }

    private static ConflictException Exists() => new("inspection-exists", "该机构的现场检查已开始，请在检查记录中继续。");
}
