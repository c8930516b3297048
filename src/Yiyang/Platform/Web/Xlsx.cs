using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Yiyang.Platform.Web;

/// <summary>
/// A workbook of plain sheets (Open XML SDK), shared by the exports: each row is an array of cells; decimals are numbers
/// with two decimals (yuan), integers numbers, anything else inline text, null an empty cell.
/// </summary>
public static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Build(params (string Name, IReadOnlyList<object?[]> Rows)[] sheets)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var list = wb.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var (name, rows) in sheets) AddSheet(wb, list, id++, name, rows);
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    private static void AddSheet(WorkbookPart wb, Sheets sheets, uint id, string name, IReadOnlyList<object?[]> rows)
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

    /// <summary>Spreadsheet column letters of a zero-based index (0 → A, 25 → Z, 26 → AA).</summary>
    public static string Column(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }
}
