using System.Globalization;

namespace Yiyang.Modules.Billing;

/// <summary>
/// The monthly statement as an .xlsx workbook (Open XML SDK): 明细 (one row per charge line, grouped by elder), 按支付方
/// (per payer) and 收入汇总 (单独核算, per institution and payer). Money cells are numbers in yuan, labelled 元.
/// </summary>
public static class StatementWorkbook
{
    public const string ContentType = Platform.Web.Xlsx.ContentType;

    public static byte[] Build(Statement s, IReadOnlyList<IncomeRow> income)
    {
        var detail = new List<object?[]>
        {
            new object?[] { $"{s.Month} 上门服务收费明细（单位：元）" },
            new object?[] { "老人", "日期", "上门记录", "项目编码", "项目名称", "标价（元）", "个人自付（元）", "支付方", "承担金额（元）", "承担说明" },
        };
        foreach (var e in s.Elders)
        {
            foreach (var l in e.Items)
                detail.Add([l.ElderName, l.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.VisitId, l.ItemCode, l.ItemName,
                        l.ListPrice, l.PatientAmount, l.PayerName, l.CoveredAmount, l.CoveredBy ?? ""]);
            detail.Add([e.ElderName + " 小计", null, null, null, null, e.ListTotal, e.PatientTotal, null, e.CoveredTotal, null]);
        }
        detail.Add(["合计", null, null, null, null, s.ListTotal, s.PatientTotal, null, s.CoveredTotal, null]);

        var payers = new List<object?[]> { new object?[] { "支付方", "项数", "金额（元）" } };
        payers.AddRange(s.Payers.Select(p => new object?[] { p.PayerName, p.Lines, p.Amount }));

        var inc = new List<object?[]> { new object?[] { "机构", "月份", "支付方", "项数", "收入（元）" } };
        foreach (var r in income)
        {
            inc.AddRange(r.ByPayer.Select(p => new object?[] { r.OrganizationName, r.Month, p.PayerName, p.Lines, p.Amount }));
            inc.Add([r.OrganizationName, r.Month, "医养服务收入合计", null, r.Total]);
        }
        return Platform.Web.Xlsx.Build(("明细", detail), ("按支付方", payers), ("收入汇总", inc));
    }
}
