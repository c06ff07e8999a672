using System.Globalization;
using CoordinationPortal.Web.Features.ReportWorkbooks;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CoordinationPortal.Web.Tests.ReportWorkbooks;

/// <summary>
/// A report workbook of format 1 (<see cref="WorkbookFormat"/>) built cell by cell with the Open XML
/// SDK, the way a test fills one: shared strings, inline strings, numbers, formulas, as Excel and
/// LibreOffice write them. Rows 1-4 hold a title and a header like the portal's template.
/// </summary>
public sealed class TestWorkbook
{
    private readonly Dictionary<string, SortedDictionary<int, SortedDictionary<int, TestCell>>> _sheets = new(StringComparer.Ordinal)
    {
        [WorkbookFormat.LinesSheet] = [],
        [WorkbookFormat.IndicatorsSheet] = [],
        [WorkbookFormat.PortalSheet] = [],
    };

    private SpreadsheetDocumentType _type = SpreadsheetDocumentType.Workbook;

    public abstract record TestCell;

    public sealed record SharedText(string Text) : TestCell;

    public sealed record InlineText(string Text) : TestCell;

    public sealed record Number(double Value) : TestCell;

    /// <summary>A number cell holding exactly this text, as another writer may store it ("9007199254740993", "1E+20").</summary>
    public sealed record StoredNumber(string Stored) : TestCell;

    public sealed record Formula(string Expression, string CachedValue) : TestCell;

    /// <summary>A shared string of formatted runs (part bold, part italic), as Excel stores rich text.</summary>
    public sealed record RichText(IReadOnlyList<string> Runs) : TestCell;

    public TestWorkbook()
    {
        foreach (var sheet in new[] { WorkbookFormat.LinesSheet, WorkbookFormat.IndicatorsSheet })
        {
            Set(sheet, 1, 1, new SharedText("Báo cáo quý 3/2024 – Kế hoạch 468"));
            Set(sheet, WorkbookFormat.HeaderRow, 1, new SharedText("Mã dòng"));
        }
    }

    /// <summary>The "_portal" keys of the given report; the rows are not in the writer's order, as the reader must not care.</summary>
    public TestWorkbook Portal(int reportId, int version, int quarterKey, string provinceCode = "02", string format = "1")
    {
        var rows = new (string Key, string Value)[]
        {
            (WorkbookFormat.Keys.ReportId, reportId.ToString(CultureInfo.InvariantCulture)),
            (WorkbookFormat.Keys.Quarter, quarterKey.ToString(CultureInfo.InvariantCulture)),
            (WorkbookFormat.Keys.Format, format),
            (WorkbookFormat.Keys.Version, version.ToString(CultureInfo.InvariantCulture)),
            (WorkbookFormat.Keys.ProvinceCode, provinceCode),
        };
        for (var i = 0; i < rows.Length; i++)
        {
            Set(WorkbookFormat.PortalSheet, i + 1, 1, new SharedText(rows[i].Key));
            Set(WorkbookFormat.PortalSheet, i + 1, 2, new SharedText(rows[i].Value));
        }

        return this;
    }

    /// <summary>A row of "Báo cáo": the line's id as a number, then whatever cells are given (null leaves a cell out).</summary>
    public TestWorkbook Line(int row, int activityId, TestCell? status = null, TestCell? results = null, TestCell? reason = null, TestCell? difficulties = null, TestCell? proposals = null)
    {
        Set(WorkbookFormat.LinesSheet, row, WorkbookFormat.Lines.ActivityId, new Number(activityId));
        Set(WorkbookFormat.LinesSheet, row, WorkbookFormat.Lines.Number, new Number(row - WorkbookFormat.FirstDataRow + 1));
        Set(WorkbookFormat.LinesSheet, row, WorkbookFormat.Lines.Status, status);
        Set(WorkbookFormat.LinesSheet, row, WorkbookFormat.Lines.Results, results);
        Set(WorkbookFormat.LinesSheet, row, WorkbookFormat.Lines.NoResultsReason, reason);
        Set(WorkbookFormat.LinesSheet, row, WorkbookFormat.Lines.Difficulties, difficulties);
        Set(WorkbookFormat.LinesSheet, row, WorkbookFormat.Lines.Proposals, proposals);
        return this;
    }

    /// <summary>A row of "Chỉ số": the line's and the indicator's ids, and the value cell.</summary>
    public TestWorkbook Value(int row, int activityId, int indicatorId, TestCell? value)
    {
        Set(WorkbookFormat.IndicatorsSheet, row, WorkbookFormat.Indicators.ActivityId, new Number(activityId));
        Set(WorkbookFormat.IndicatorsSheet, row, WorkbookFormat.Indicators.IndicatorId, new Number(indicatorId));
        Set(WorkbookFormat.IndicatorsSheet, row, WorkbookFormat.Indicators.Name, new SharedText("Chỉ số"));
        Set(WorkbookFormat.IndicatorsSheet, row, WorkbookFormat.Indicators.Value, value);
        return this;
    }

    public TestWorkbook Set(string sheet, int row, int column, TestCell? cell)
    {
        if (!_sheets.TryGetValue(sheet, out var rows))
        {
            _sheets[sheet] = rows = [];
        }

        if (!rows.TryGetValue(row, out var cells))
        {
            rows[row] = cells = [];
        }

        if (cell is null)
        {
            cells.Remove(column);
        }
        else
        {
            cells[column] = cell;
        }

        return this;
    }

    public TestWorkbook WithoutSheet(string sheet)
    {
        _sheets.Remove(sheet);
        return this;
    }

    public TestWorkbook AsMacroEnabled()
    {
        _type = SpreadsheetDocumentType.MacroEnabledWorkbook;
        return this;
    }

    public byte[] Build()
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, _type))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var sharedPart = workbookPart.AddNewPart<SharedStringTablePart>();
            var shared = new List<SharedStringItem>();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var (name, rows) in _sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                foreach (var (rowIndex, cells) in rows)
                {
                    var row = new Row { RowIndex = (uint)rowIndex };
                    foreach (var (column, cell) in cells)
                    {
                        row.Append(ToCell(WorkbookFormat.CellReference(rowIndex, column), cell, shared));
                    }

                    data.Append(row);
                }

                part.Worksheet = new Worksheet(data);
                var sheet = new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id++, Name = name };
                if (name == WorkbookFormat.PortalSheet)
                {
                    sheet.State = SheetStateValues.VeryHidden;
                }

                sheets.Append(sheet);
            }

            sharedPart.SharedStringTable = new SharedStringTable(shared);
        }

        return memory.ToArray();
    }

    private static Cell ToCell(string reference, TestCell cell, List<SharedStringItem> shared)
    {
        Cell Shared(SharedStringItem item)
        {
            shared.Add(item);
            return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue((shared.Count - 1).ToString(CultureInfo.InvariantCulture)) };
        }

        switch (cell)
        {
            case SharedText text:
                return Shared(new SharedStringItem(new Text(text.Text) { Space = SpaceProcessingModeValues.Preserve }));
            case RichText rich:
                return Shared(new SharedStringItem(rich.Runs.Select((run, i) => new Run(
                    new RunProperties(i % 2 == 0 ? new Bold() : new Italic()),
                    new Text(run) { Space = SpaceProcessingModeValues.Preserve }))));
            case InlineText inline:
                return new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(inline.Text) { Space = SpaceProcessingModeValues.Preserve }) };
            case Number number:
                return new Cell { CellReference = reference, CellValue = new CellValue(number.Value.ToString("R", CultureInfo.InvariantCulture)) };
            case StoredNumber stored:
                return new Cell { CellReference = reference, CellValue = new CellValue(stored.Stored) };
            case Formula formula:
                return new Cell { CellReference = reference, CellFormula = new CellFormula(formula.Expression), CellValue = new CellValue(formula.CachedValue) };
            default:
                throw new ArgumentOutOfRangeException(nameof(cell));
        }
    }
}
