using System.Globalization;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Supervision;

public sealed record FinishInspectionInput(IReadOnlyList<long?>? PresentInspectorIds);

/// <summary>
/// 完成检查，形成检查结果 (a drawn inspector): every item answered, the representative's signature present, and at least
/// <see cref="SupervisionOptions.MinInspectorsPerEntity"/> of the drawn inspectors present (the finishing inspector counts
/// as present). The result is formed today; the publication is due <see cref="SupervisionOptions.PublicationWorkingDays"/>
/// working days later (422 <c>calendar-missing</c> when a year on the way has no calendar). Afterwards nothing changes.
/// </summary>
public sealed class FinishInspection(YiyangDb db, InspectionAccess access, InspectionQueries queries, WorkingDays workingDays,
    IOptions<SupervisionOptions> options, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/finish", async Task<Ok<InspectionDto>> (long id, FinishInspectionInput input, IfMatch ifMatch, FinishInspection handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(SupervisionPolicies.Inspect)
            .ProducesProblems(400, 403, 404, 409, 412, 422)
            .WithSummary("完成检查：presentInspectorIds（到场的抽中监督员，至少 2 名）；须逐项填写并有机构代表签名；公示期限为 20 个工作日后");

    public async Task<InspectionDto> HandleAsync(long id, FinishInspectionInput input, int? ifMatch, CancellationToken ct)
    {
        var i = await access.LoadDraftAsync(id, ifMatch, ct);
        var drawn = (await queries.InspectorsAsync(i.DrawId, i.OrganizationId, ct)).Select(x => x.Id).ToHashSet();
        if (input.PresentInspectorIds is { Count: > 20 } || input.PresentInspectorIds?.Any(p => p is null || !drawn.Contains(p.Value)) == true)
            throw ValidationFailedException.For("presentInspectorIds", "到场监督员只能是抽中派往该机构的监督员。");
        var present = (input.PresentInspectorIds ?? []).Select(p => p!.Value).Append(access.User.Id ?? 0).Distinct().Order().ToList();
        var items = await db.Set<InspectionItem>().AsNoTracking().Where(x => x.InspectionId == id).Select(x => x.Result).ToListAsync(ct);
        var min = Math.Max(2, options.Value.MinInspectorsPerEntity);
        var problems = InspectionRules.FinishProblems(items, i.SignaturePng is not null, present.Count, min);
        if (problems.Count > 0) throw new BusinessRuleException("inspection-incomplete", "还不能完成检查：" + string.Join("", problems));

        var today = access.Today;
        var due = await workingDays.AddWorkingDaysAsync(today, options.Value.PublicationWorkingDays, ct);
        i.Status = InspectionRules.Finished;
        i.PresentInspectorIds = string.Join(',', present);
        i.FinishedByUser = access.Actor;
        i.FinishedAt = access.Now;
        i.FinishedOn = today;
        i.PublicationDueOn = due;
        i.Outcome = InspectionRules.Outcome(items);
        i.PassCount = items.Count(r => r == "pass");
        i.FailCount = items.Count(r => r == "fail");
        i.NotApplicableCount = items.Count(r => r == "na");
        i.UpdatedAt = i.FinishedAt.Value;
        i.Version++;
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("supervision.inspection.finish", "inspection", id.ToString(CultureInfo.InvariantCulture),
            detail: $"outcome={i.Outcome}; fail={i.FailCount}; publicationDue={due:yyyy-MM-dd}; inspectors={i.PresentInspectorIds}");
        return await queries.ToDtoAsync(i, withZoning: true, ct);
    }
}
