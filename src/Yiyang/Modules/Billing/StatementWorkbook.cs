using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Yiyang.Modules.Billing;

/// <summary>
/// The monthly statement as an .xlsx workbook (Open XML SDK): 明细 (one row per charge line, grouped by elder), 按支付方
/// (per payer) and 收入汇总 (单独核算, per institution and payer). Money cells are numbers in yuan, labelled 元.
/// </summary>
public static class StatementWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Build(Statement s, IReadOnlyList<IncomeRow> income)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var sheets = wb.Workbook.AppendChild(new Sheets());
            uint id = 1;

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
            AddSheet(wb, sheets, id++, "明细", detail);

            var payers = new List<object?[]> { new object?[] { "支付方", "项数", "金额（元）" } };
            payers.AddRange(s.Payers.Select(p => new object?[] { p.PayerName, p.Lines, p.Amount }));
            AddSheet(wb, sheets, id++, "按支付方", payers);

            var inc = new List<object?[]> { new object?[] { "机构", "月份", "支付方", "项数", "收入（元）" } };
            foreach (var r in income)
            {
                inc.AddRange(r.ByPayer.Select(p => new object?[] { r.OrganizationName, r.Month, p.PayerName, p.Lines, p.Amount }));
                inc.Add([r.OrganizationName, r.Month, "医养服务收入合计", null, r.Total]);
            }
            AddSheet(wb, sheets, id, "收入汇总", inc);
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    private static void AddSheet(WorkbookPart wb, Sheets sheets, uint id, string name, List<object?[]> rows)
    {
        var part = wb.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint r = 1;
        foreach (var row in rows)
        {
            var xr = new Row { RowIndex = r };
            for (var c = 0; c < row.Length; c++)
            {
                var v = row[c];
                if (v is null) continue;
                var cell = new Cell { CellReference = Column(c) + r.ToString(CultureInfo.InvariantCulture) };
                switch (v)
                {
                    case decimal d:
                        cell.DataType = CellValues.Number;
                        cell.CellValue = new CellValue(d.ToString("0.00", CultureInfo.InvariantCulture));
                        break;
                    case int or long:
                        cell.DataType = CellValues.Number;
                        cell.CellValue = new CellValue(Convert.ToString(v, CultureInfo.InvariantCulture)!);
                        break;
                    default:
                        cell.DataType = CellValues.InlineString;
                        cell.InlineString = new InlineString(new Text(Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""));
                        break;
                }
                xr.Append(cell);
            }
            data.Append(xr);
            r++;
        }
        part.Worksheet = new Worksheet(data);
        sheets.Append(new Sheet { Id = wb.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static string Column(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }
}
