using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CoordinationPortal.Web.Tests.ReportWorkbooks;

/// <summary>
/// A downloaded workbook read back with the SDK as a person would see it: each sheet's cells by
/// reference ("D5"), whether written as inline strings, shared strings (LibreOffice re-saves so) or numbers.
/// </summary>
public sealed class WorkbookFile
{
    private WorkbookFile(Dictionary<string, Dictionary<string, string>> sheets, Dictionary<string, string?> states)
    {
        Sheets = sheets;
        States = states;
    }

    public IReadOnlyDictionary<string, Dictionary<string, string>> Sheets { get; }

    /// <summary>Each sheet's state attribute ("veryHidden"), null when visible.</summary>
    public IReadOnlyDictionary<string, string?> States { get; }

    public string? this[string sheet, string cell] => Sheets[sheet].GetValueOrDefault(cell);

    /// <summary>Column B of the "_portal" sheet, by the key in column A.</summary>
    public string? Key(string key) =>
        Sheets["_portal"].Where(c => c.Key.StartsWith('A') && c.Value == key).Select(c => Sheets["_portal"].GetValueOrDefault("B" + c.Key[1..])).FirstOrDefault();

    public static WorkbookFile Read(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var sheets = new Dictionary<string, Dictionary<string, string>>();
        var states = new Dictionary<string, string?>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            sheets[sheet.Name!.Value!] = part.Worksheet.Descendants<Cell>()
                .Where(c => c.CellValue is not null || c.InlineString is not null)
                .ToDictionary(c => c.CellReference!.Value!, c => c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)] : c.InlineString?.InnerText ?? c.CellValue!.Text);
            states[sheet.Name!.Value!] = sheet.State?.InnerText;
        }

        return new WorkbookFile(sheets, states);
    }
}
