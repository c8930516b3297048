using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Billing;

/// <summary>The statement and the income summary as an .xlsx workbook; the export is audited and awaited.</summary>
public sealed class ExportStatement(GetStatement getStatement, GetIncome getIncome, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/statements/export", async Task<FileContentHttpResult> (
                [FromQuery] string? month, [FromQuery] long? organizationId, [FromQuery] long? elderId, [FromQuery] string? payer,
                ExportStatement handler, CancellationToken ct) =>
            {
                var bytes = await handler.HandleAsync(new StatementQuery(month, organizationId, elderId, payer), ct);
                return TypedResults.File(bytes, StatementWorkbook.ContentType, $"statement-{month}.xlsx");
            })
            .RequireAuthorization(BillingPolicies.Read) // the group needs only the catalog policy
            .ProducesProblems(400)
            .WithSummary("导出月度对账单与收入汇总（.xlsx；导出记入审计）");

    public async Task<byte[]> HandleAsync(StatementQuery q, CancellationToken ct)
    {
        var statement = await getStatement.HandleAsync(q, ct, audited: false);
        var income = await getIncome.HandleAsync(q.Month, q.OrganizationId, ct);
        await audit.RecordAsync("billing.statement.export", "statement", statement.Month, q.ElderId,
            $"org={q.OrganizationId};payer={q.Payer};elders={statement.Elders.Count}");
        return StatementWorkbook.Build(statement, income);
    }
}
