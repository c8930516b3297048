using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Billing;

/// <summary>The month's statement: per elder (lines and totals) and per payer. Audited (it names people).</summary>
public sealed class GetStatement(StatementLines statementLines, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/statements", async Task<Ok<Statement>> (
                [FromQuery] string? month, [FromQuery] long? organizationId, [FromQuery] long? elderId, [FromQuery] string? payer,
                GetStatement handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(new StatementQuery(month, organizationId, elderId, payer), ct)))
            .RequireAuthorization(BillingPolicies.Read) // the group needs only the catalog policy
            .ProducesProblems(400)
            .WithSummary("月度对账单（month=YYYY-MM）：按老人（明细与合计）与按支付方（elder / family-doctor / ltc），金额单位：元");

    public async Task<Statement> HandleAsync(StatementQuery q, CancellationToken ct, bool audited = true)
    {
        var lines = await statementLines.ForAsync(q, ct);
        var elders = lines.GroupBy(l => l.ElderId)
            .Select(g => new ElderStatement(g.Key, g.First().ElderName, g.Count(), g.Sum(l => l.ListPrice), g.Sum(l => l.PatientAmount),
                g.Sum(l => l.CoveredAmount), g.ToList()))
            .ToList();
        var month = StatementLines.Month(q.Month).ToString("yyyy-MM");
        if (audited)
            await audit.RecordAsync("billing.statement.view", "statement", month, q.ElderId,
                $"org={q.OrganizationId};payer={q.Payer};elders={elders.Count}", wait: false);
        return new Statement(month, q.OrganizationId, string.IsNullOrWhiteSpace(q.Payer) ? null : q.Payer.Trim(), elders,
            StatementLines.ByPayer(lines), lines.Sum(l => l.ListPrice), lines.Sum(l => l.PatientAmount), lines.Sum(l => l.CoveredAmount));
    }
}
