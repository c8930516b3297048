using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Billing;

/// <summary>
/// 单独核算: the elder-care income of each institution in the month (Σ list prices of its charge lines), split by
/// who bears it, kept apart from the institution's other income. No personal data.
/// </summary>
public sealed class GetIncome(YiyangDb db, StatementLines statementLines)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/income", async Task<Ok<IReadOnlyList<IncomeRow>>> (
                [FromQuery] string? month, [FromQuery] long? organizationId, GetIncome handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(month, organizationId, ct)))
            .RequireAuthorization(BillingPolicies.Read) // the group needs only the catalog policy
            .ProducesProblems(400)
            .WithSummary("单独核算：各机构当月医养服务收入（标价合计）按支付方汇总，单位：元");

    public async Task<IReadOnlyList<IncomeRow>> HandleAsync(string? month, long? organizationId, CancellationToken ct)
    {
        var lines = await statementLines.ForAsync(new StatementQuery(month, organizationId, null, null), ct);
        var orgIds = lines.Select(l => l.OrganizationId).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var m = StatementLines.Month(month).ToString("yyyy-MM");
        return lines.GroupBy(l => l.OrganizationId)
            .Select(g => new IncomeRow(g.Key, names.GetValueOrDefault(g.Key) ?? "", m, StatementLines.ByPayer(g), g.Sum(l => l.ListPrice)))
            .OrderBy(r => r.OrganizationName, StringComparer.Ordinal).ToList();
    }
}
