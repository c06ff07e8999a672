using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CoordinationPortal.Web.Features.Exports;

/// <summary>
/// Builds an .xlsx with the Open XML SDK: one sheet per table, a title row, a bold header row that
/// repeats on every printed page, borders, wrapped text in rows tall enough to show it, Vietnamese
/// thousands for numbers, and A4 landscape fitted to the page width (as many pages down as it
/// takes), so it prints as officers expect.
/// </summary>
public sealed class XlsxBuilder
{
    private const uint TitleStyle = 1;
    private const uint HeaderStyle = 2;
    private const uint TextStyle = 3;
    private const uint NumberStyle = 4;
    private const uint PercentStyle = 5;

    // Lines of 11 pt Times New Roman, the sheets' font, are 15 pt apart in Excel; 409.5 pt is the
    // tallest row Excel allows.
    private const double LineHeight = 15;
    private const double TitleHeight = 21; // one line of the 14 pt title
    private const double TallestRow = 409.5;
    private const double DefaultColumnWidth = 8.43;

    private readonly List<Sheet> _sheets = [];

    public Sheet AddSheet(string name, string title, IReadOnlyList<string> headers, IReadOnlyList<double> widths)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var sheet = new Sheet(name.Length > 31 ? name[..31] : name, title, headers, widths);
        _sheets.Add(sheet);
        return sheet;
    }

    public byte[] Build()
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            var definedNames = new DefinedNames();
            uint index = 0;
            foreach (var sheet in _sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                part.Worksheet = sheet.ToWorksheet();
                sheets.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = index + 1, Name = sheet.Name });

                // The header row is printed at the top of every page.
                definedNames.Append(new DefinedName($"'{sheet.Name}'!$2:$2") { Name = "_xlnm.Print_Titles", LocalSheetId = index });
                index++;
            }

            workbookPart.Workbook.Append(definedNames);
            workbookPart.Workbook.Save();
        }

        return memory.ToArray();
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Times New Roman" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" })),
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE7E2DE" }) { PatternType = PatternValues.Solid })),
        new Borders(
            new Border(),
            new Border(
                new LeftBorder { Style = BorderStyleValues.Thin },
                new RightBorder { Style = BorderStyleValues.Thin },
                new TopBorder { Style = BorderStyleValues.Thin },
                new BottomBorder { Style = BorderStyleValues.Thin },
                new DiagonalBorder())),
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center, Horizontal = HorizontalAlignmentValues.Center }) { FontId = 2, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { BorderId = 1, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { BorderId = 1, NumberFormatId = 3, ApplyBorder = true, ApplyNumberFormat = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { BorderId = 1, NumberFormatId = 9, ApplyBorder = true, ApplyNumberFormat = true, ApplyAlignment = true }));

    /// <summary>A table on its own sheet; cells are text, whole numbers, or <see cref="Percent"/>.</summary>
    public sealed class Sheet(string name, string title, IReadOnlyList<string> headers, IReadOnlyList<double> widths)
    {
        private readonly List<object?[]> _rows = [];

        public string Name { get; } = name;

        public int RowCount => _rows.Count;

        public Sheet Add(params object?[] cells)
        {
            _rows.Add(cells);
            return this;
        }

        internal Worksheet ToWorksheet()
        {
            var lastColumn = ColumnName(headers.Count);
            var data = new SheetData();
            data.Append(new Row(Cell("A1", title, TitleStyle)) { RowIndex = 1, Height = TitleHeight, CustomHeight = true });
            data.Append(new Row(headers.Select((h, i) => Cell($"{ColumnName(i + 1)}2", h, HeaderStyle))) { RowIndex = 2, Height = Height(headers, bold: true), CustomHeight = true });
            for (var r = 0; r < _rows.Count; r++)
            {
                var rowIndex = (uint)(r + 3);
                data.Append(new Row(_rows[r].Select((value, c) => Cell($"{ColumnName(c + 1)}{rowIndex}", value, Style(value)))) { RowIndex = rowIndex, Height = Height(_rows[r], bold: false), CustomHeight = true });
            }

            return new Worksheet(
                new SheetProperties(new PageSetupProperties { FitToPage = true }),
                new SheetViews(new SheetView(new Pane { VerticalSplit = 2, TopLeftCell = "A3", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
                new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })),
                data,
                new MergeCells(new MergeCell { Reference = $"A1:{lastColumn}1" }),
                new PrintOptions { HorizontalCentered = true },
                new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
                new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        }

        /// <summary>
        /// The height of a row's tallest cell, estimated from its text and column width. Readers differ
        /// in whether they fit rows to wrapped text when they open a file; a stated height shows the
        /// whole text in every one of them, and on paper.
        /// </summary>
        private double Height(IReadOnlyList<object?> cells, bool bold)
        {
            var lines = 1;
            for (var c = 0; c < cells.Count; c++)
            {
                if (cells[c] is { } value && Style(value) == TextStyle)
                {
                    lines = Math.Max(lines, DocumentText.LineCount(CellText(value.ToString()), TextWidth(c < widths.Count ? widths[c] : DefaultColumnWidth), bold));
                }
            }

            return Math.Min(TallestRow, lines * LineHeight);
        }

        // A column's room for text in ems of 11 pt Times New Roman (14.67 px at 96 dpi): its width in
        // digits "0" of 7 px, less Excel's 5 px of padding, and a little to spare, since a line too
        // many costs less than a line hidden.
        private static double TextWidth(double digits) => Math.Max(1, (digits * 7) - 5) * 0.95 / (11 * 96 / 72.0);

        private static uint Style(object? value) => value switch
        {
            Percent => PercentStyle,
            int or long or double or decimal => NumberStyle,
            _ => TextStyle,
        };

        private static Cell Cell(string reference, object? value, uint style) => value switch
        {
            null => new Cell { CellReference = reference, StyleIndex = style },
            Percent p => new Cell { CellReference = reference, StyleIndex = style, DataType = CellValues.Number, CellValue = new CellValue(p.Value) },
            int i => new Cell { CellReference = reference, StyleIndex = style, DataType = CellValues.Number, CellValue = new CellValue(i) },
            long l => new Cell { CellReference = reference, StyleIndex = style, DataType = CellValues.Number, CellValue = new CellValue((decimal)l) },
            double d => new Cell { CellReference = reference, StyleIndex = style, DataType = CellValues.Number, CellValue = new CellValue(d) },
            _ => new Cell(new InlineString(new Text(CellText(value.ToString())) { Space = SpaceProcessingModeValues.Preserve })) { CellReference = reference, StyleIndex = style, DataType = CellValues.InlineString },
        };

        // Excel refuses cells over 32,767 characters: cut short of that, never between the halves of a surrogate pair.
        private static string CellText(string? text)
        {
            const int Longest = 32_000;
            var cleaned = DocumentText.Clean(text);
            return cleaned.Length <= Longest ? cleaned : cleaned[..(char.IsHighSurrogate(cleaned[Longest - 1]) ? Longest - 1 : Longest)];
        }

        private static string ColumnName(int number)
        {
            var name = string.Empty;
            while (number > 0)
            {
                var rest = (number - 1) % 26;
                name = (char)('A' + rest) + name;
                number = (number - 1) / 26;
            }

            return name;
        }
    }

    /// <summary>A share (0.42) shown as a percentage.</summary>
    public sealed record Percent(double Value);
}
