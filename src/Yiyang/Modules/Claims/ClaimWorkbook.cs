using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Yiyang.Modules.Claims;

/// <summary>A claim as an .xlsx workbook: 结算明细 (one row per billed elder, then the total) and 未纳入 (excluded elders and why).</summary>
public static class ClaimWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Build(ClaimDto c)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var sheets = wb.Workbook.AppendChild(new Sheets());
            var lines = new List<object?[]>
            {
                new object?[] { $"{c.OrganizationName} {c.Month} {c.PayerClassName}床日结算单（{c.StatusName}，单位：元）" },
                new object?[] { "老人编号", "老人", "床日数", "评估工具", "失能等级", "日标准（元）", "金额（元）" },
            };
            lines.AddRange(c.Lines.Select(l => new object?[] { l.ElderId, l.ElderName, l.BedDays, l.InstrumentCode, l.GradeName, l.DailyRate, l.Amount }));
            lines.Add(["合计", null, c.BedDays, null, null, null, c.Amount]);
            AddSheet(wb, sheets, 1, "结算明细", lines);
            var excluded = new List<object?[]> { new object?[] { "老人编号", "老人", "床日数", "未纳入原因" } };
            excluded.AddRange(c.Excluded.Select(l => new object?[] { l.ElderId, l.ElderName, l.BedDays, l.ExcludedReason }));
            AddSheet(wb, sheets, 2, "未纳入", excluded);
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
            for (var i = 0; i < row.Length; i++)
            {
                var v = row[i];
                if (v is null) continue;
                var cell = new Cell { CellReference = ((char)('A' + i)).ToString() + r.ToString(CultureInfo.InvariantCulture) };
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
}
