namespace Yiyang.Modules.Billing;

/// <summary>The charge lines of a month that statements and income are made of, and their sums per payer.</summary>
public sealed class StatementLines(YiyangDb db, BillingAccess access)
{
    public static DateOnly Month(string? month) =>
        BillingRules.ParseMonth(month) ?? throw ValidationFailedException.For("month", "请按“年-月”填写月份，如 2026-11。");

    public async Task<List<StatementLine>> ForAsync(StatementQuery q, CancellationToken ct)
    {
        var from = Month(q.Month);
        var to = from.AddMonths(1).AddDays(-1);
        var query = access.ScopedCharges().Where(c => c.ServiceDate >= from && c.ServiceDate <= to);
        if (q.OrganizationId is { } o) query = query.Where(c => c.OrganizationId == o);
        if (q.ElderId is { } e) query = query.Where(c => c.ElderId == e);
        if (!string.IsNullOrWhiteSpace(q.Payer))
        {
            var p = q.Payer.Trim();
            query = query.Where(c => c.Payer == p);
        }
        var rows = await (from c in query
                          join el in db.Elders on c.ElderId equals el.Id
                          select new { c, el.Name }).Take(50_000).ToListAsync(ct);
        return rows.Select(r => new StatementLine(r.c.ServiceDate, r.c.VisitId, r.c.ElderId, r.Name, r.c.OrganizationId, r.c.ItemCode, r.c.ItemName,
                r.c.Kind == ChargeKind.ServiceFee ? "service-fee" : "item", r.c.ListPriceYuan, r.c.PatientAmountYuan, r.c.CoveredAmountYuan,
                r.c.Payer, Payers.Name(r.c.Payer), r.c.CoveredBy))
            .OrderBy(l => l.ElderName, StringComparer.Ordinal).ThenBy(l => l.ElderId).ThenBy(l => l.Date).ThenBy(l => l.VisitId)
            .ThenBy(l => l.Kind == "service-fee").ThenBy(l => l.ItemCode, StringComparer.Ordinal).ToList();
    }

    public static List<PayerStatement> ByPayer(IEnumerable<StatementLine> lines) => lines.GroupBy(l => l.Payer)
        .Select(g => new PayerStatement(g.Key, Payers.Name(g.Key), g.Count(), g.Sum(l => l.Payer == Payers.Elder ? l.PatientAmount : l.CoveredAmount)))
        .OrderBy(p => p.Payer == Payers.Elder ? 0 : 1).ThenBy(p => p.Payer, StringComparer.Ordinal).ToList();
}
