using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CoordinationPortal.Web.Tests.ReportWorkbooks;

/// <summary>
/// Fills a downloaded workbook as an officer would in Excel: finds the row of a line (or indicator) by
/// the id in its hidden column and types into a cell, keeping the cell's style (and so its lock and
/// validation). Text goes in as inline strings, figures as numbers or as text.
/// </summary>
public sealed class WorkbookFill : IDisposable
{
    private readonly MemoryStream _stream;
    private readonly SpreadsheetDocument _document;
    private readonly List<string> _shared;

    public WorkbookFill(byte[] xlsx)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        _stream = new MemoryStream();
        _stream.Write(xlsx);
        _document = SpreadsheetDocument.Open(_stream, isEditable: true);
        _shared = _document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
    }

    /// <summary>The row whose first column holds <paramref name="id"/> (and whose second holds <paramref name="secondId"/>, on "Chỉ số").</summary>
    public int RowOf(string sheet, int id, int? secondId = null)
    {
        foreach (var row in Sheet(sheet).Descendants<Row>())
        {
            var cells = row.Elements<Cell>().ToDictionary(c => c.CellReference!.Value!.TrimEnd("0123456789".ToCharArray()), TextOf);
            if (cells.GetValueOrDefault("A") == id.ToString(CultureInfo.InvariantCulture)
                && (secondId is null || cells.GetValueOrDefault("B") == secondId.Value.ToString(CultureInfo.InvariantCulture)))
            {
                return (int)row.RowIndex!.Value;
            }
        }

        throw new InvalidOperationException($"No row for {id} on {sheet}.");
    }

    public WorkbookFill Text(string sheet, int row, int column, string text) =>
        Put(sheet, row, column, cell =>
        {
            cell.DataType = CellValues.InlineString;
            cell.CellValue = null;
            cell.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        });

    public WorkbookFill Number(string sheet, int row, int column, double value) =>
        Put(sheet, row, column, cell =>
        {
            cell.DataType = null;
            cell.InlineString = null;
            cell.CellValue = new CellValue(value.ToString("R", CultureInfo.InvariantCulture));
        });

    public WorkbookFill Clear(string sheet, int row, int column) =>
        Put(sheet, row, column, cell =>
        {
            cell.DataType = null;
            cell.InlineString = null;
            cell.CellValue = null;
        });

    public byte[] Save()
    {
        _document.Save();
        _document.Dispose();
        return _stream.ToArray();
    }

    public void Dispose()
    {
        _document.Dispose();
        _stream.Dispose();
    }

    private Worksheet Sheet(string name)
    {
        var workbook = _document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
    }

    private string? TextOf(Cell cell) =>
        cell.DataType?.Value == CellValues.SharedString ? _shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
        : cell.InlineString?.InnerText ?? cell.CellValue?.Text;

    private WorkbookFill Put(string sheet, int rowIndex, int column, Action<Cell> write)
    {
        var reference = Features.ReportWorkbooks.WorkbookFormat.CellReference(rowIndex, column);
        var data = Sheet(sheet).GetFirstChild<SheetData>()!;
        var row = data.Elements<Row>().FirstOrDefault(r => r.RowIndex!.Value == rowIndex);
        if (row is null)
        {
            row = new Row { RowIndex = (uint)rowIndex };
            data.InsertBefore(row, data.Elements<Row>().FirstOrDefault(r => r.RowIndex!.Value > rowIndex));
        }

        var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);
        if (cell is null)
        {
            cell = new Cell { CellReference = reference };
            row.InsertBefore(cell, row.Elements<Cell>().FirstOrDefault(c => Column(c.CellReference!.Value!) > column));
        }

        cell.CellFormula = null;
        write(cell);
        return this;
    }

    private static int Column(string reference) =>
        reference.TakeWhile(char.IsAsciiLetterUpper).Aggregate(0, (sum, c) => (sum * 26) + (c - 'A' + 1));
}
