using System.Globalization;
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
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint TitleStyle = 1;
    private const uint HeaderStyle = 2;
    private const uint TextStyle = 3;
    private const uint NumberStyle = 4;
    private const uint PercentStyle = 5;

    // A form's cells (a sheet with editable columns): grey and locked, or white and open to typing.
    private const uint LockedTextStyle = 6;
    private const uint LockedNumberStyle = 7;
    private const uint EditableTextStyle = 8;
    private const uint EditableNumberStyle = 9;
    private const uint NoteStyle = 10;

    // Lines of 11 pt Times New Roman, the sheets' font, are 15 pt apart in Excel; 409.5 pt is the
    // tallest row Excel allows.
    private const double LineHeight = 15;
    private const double TitleHeight = 21; // one line of the 14 pt title
    private const double TallestRow = 409.5;
    private const double DefaultColumnWidth = 8.43;

    private readonly List<Sheet> _sheets = [];
    private readonly List<(string Name, string Reference)> _names = [];

    public Sheet AddSheet(string name, string title, IReadOnlyList<string> headers, IReadOnlyList<double> widths)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var sheet = new Sheet(name.Length > 31 ? name[..31] : name, title, headers, widths);
        _sheets.Add(sheet);
        return sheet;
    }

    /// <summary>A sheet of plain rows from row 1: no title, no header, nothing printed (values a program reads back).</summary>
    public Sheet AddPlainSheet(string name, IReadOnlyList<double> widths)
    {
        var sheet = new Sheet(name.Length > 31 ? name[..31] : name, null, [], widths);
        _sheets.Add(sheet);
        return sheet;
    }

    /// <summary>A workbook-wide name for a range ("'_portal'!$A$20:$A$25"), for a list validation to point at.</summary>
    public XlsxBuilder DefineName(string name, string reference)
    {
        _names.Add((name, reference));
        return this;
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
                sheets.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet
                {
                    Id = workbookPart.GetIdOfPart(part),
                    SheetId = index + 1,
                    Name = sheet.Name,
                    State = sheet.IsVeryHidden ? SheetStateValues.VeryHidden : null,
                });

                // The header row is printed at the top of every page.
                if (sheet.HeaderRow is { } header)
                {
                    definedNames.Append(new DefinedName($"'{sheet.Name}'!${header}:${header}") { Name = "_xlnm.Print_Titles", LocalSheetId = index });
                }

                index++;
            }

            foreach (var (name, reference) in _names)
            {
                definedNames.Append(new DefinedName(reference) { Name = name });
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
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE7E2DE" }) { PatternType = PatternValues.Solid }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFF2F2F2" }) { PatternType = PatternValues.Solid })),
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
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { BorderId = 1, NumberFormatId = 9, ApplyBorder = true, ApplyNumberFormat = true, ApplyAlignment = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { BorderId = 1, FillId = 3, ApplyBorder = true, ApplyFill = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { BorderId = 1, FillId = 3, NumberFormatId = 3, ApplyBorder = true, ApplyFill = true, ApplyNumberFormat = true, ApplyAlignment = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }, new Protection { Locked = false }) { BorderId = 1, ApplyBorder = true, ApplyAlignment = true, ApplyProtection = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }, new Protection { Locked = false }) { BorderId = 1, NumberFormatId = 3, ApplyBorder = true, ApplyNumberFormat = true, ApplyAlignment = true, ApplyProtection = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }));

    /// <summary>
    /// A table on its own sheet; cells are text, whole numbers, or <see cref="Percent"/>. A sheet can
    /// also be a form to fill in (<see cref="Editable"/>): then the other data cells are grey and
    /// locked, and <see cref="Protect"/> keeps them so, as a guide (no password: the server checks).
    /// </summary>
    public sealed class Sheet(string name, string? title, IReadOnlyList<string> headers, IReadOnlyList<double> widths)
    {
        private readonly List<(uint Index, object?[] Cells)> _rows = [];
        private readonly List<string> _notes = [];
        private readonly HashSet<int> _hidden = [];
        private readonly Dictionary<int, bool> _editable = [];
        private readonly List<(int Column, DataValidation Rule)> _validations = [];
        private uint? _nextRow;
        private bool _protected;

        public string Name { get; } = name;

        public int RowCount => _rows.Count;

        /// <summary>The header row (printed on every page), or null for a plain sheet.</summary>
        public int? HeaderRow => title is null ? null : 2 + _notes.Count;

        internal bool IsVeryHidden { get; private set; }

        private uint FirstDataRow => (uint)((HeaderRow ?? 0) + 1);

        public Sheet Add(params object?[] cells)
        {
            var index = _nextRow ?? (_rows.Count == 0 ? FirstDataRow : _rows[^1].Index + 1);
            _rows.Add((index, cells));
            _nextRow = null;
            return this;
        }

        /// <summary>The next row added goes to <paramref name="row"/> (1-based), leaving the rows between empty.</summary>
        public Sheet SkipTo(int row)
        {
            _nextRow = (uint)row;
            return this;
        }

        /// <summary>A line under the title, across the table (a subtitle, instructions); the header moves down one row.</summary>
        public Sheet Note(string text)
        {
            _notes.Add(text);
            return this;
        }

        public Sheet Hide(params int[] columns)
        {
            _hidden.UnionWith(columns);
            return this;
        }

        /// <summary>A column the reader fills in: white and unlocked; <paramref name="numbers"/> formats its empty cells as "#,##0".</summary>
        public Sheet Editable(int column, bool numbers = false)
        {
            _editable[column] = numbers;
            return this;
        }

        public Sheet Protect()
        {
            _protected = true;
            return this;
        }

        /// <summary>Not listed among the sheets in Excel or LibreOffice: only a program opens it.</summary>
        public Sheet VeryHidden()
        {
            IsVeryHidden = true;
            return this;
        }

        /// <summary>The data cells of <paramref name="column"/> accept only a value of the list at <paramref name="source"/> (a range or a defined name).</summary>
        public Sheet ListIn(int column, string source, string errorTitle, string error) =>
            Validate(column, new DataValidation(new Formula1(source)) { Type = DataValidationValues.List, AllowBlank = true }, errorTitle, error);

        public Sheet WholeNumbersIn(int column, long min, long max, string errorTitle, string error) =>
            Validate(column, new DataValidation(new Formula1(min.ToString(CultureInfo.InvariantCulture)), new Formula2(max.ToString(CultureInfo.InvariantCulture))) { Type = DataValidationValues.Whole, Operator = DataValidationOperatorValues.Between, AllowBlank = true }, errorTitle, error);

        public Sheet TextUpTo(int column, int maxLength, string errorTitle, string error) =>
            Validate(column, new DataValidation(new Formula1(maxLength.ToString(CultureInfo.InvariantCulture))) { Type = DataValidationValues.TextLength, Operator = DataValidationOperatorValues.LessThanOrEqual, AllowBlank = true }, errorTitle, error);

        private Sheet Validate(int column, DataValidation rule, string errorTitle, string error)
        {
            rule.ShowErrorMessage = true;
            rule.ErrorTitle = errorTitle;
            rule.Error = error;
            _validations.Add((column, rule));
            return this;
        }

        internal Worksheet ToWorksheet()
        {
            var columnCount = Math.Max(headers.Count, widths.Count);
            var lastColumn = ColumnName(columnCount);
            var data = new SheetData();
            var merges = new MergeCells();
            if (title is not null)
            {
                data.Append(new Row(Cell("A1", title, TitleStyle)) { RowIndex = 1, Height = TitleHeight, CustomHeight = true });
                merges.Append(new MergeCell { Reference = $"A1:{lastColumn}1" });
                for (var n = 0; n < _notes.Count; n++)
                {
                    var rowIndex = (uint)(n + 2);
                    var lines = DocumentText.LineCount(CellText(_notes[n]), TextWidth(widths.Where((_, c) => !_hidden.Contains(c + 1)).Sum()), false);
                    data.Append(new Row(Cell($"A{rowIndex}", _notes[n], NoteStyle)) { RowIndex = rowIndex, Height = Math.Min(TallestRow, lines * LineHeight), CustomHeight = true });
                    merges.Append(new MergeCell { Reference = $"A{rowIndex}:{lastColumn}{rowIndex}" });
                }

                var headerRow = (uint)HeaderRow!.Value;
                data.Append(new Row(headers.Select((h, i) => Cell($"{ColumnName(i + 1)}{headerRow}", h, HeaderStyle))) { RowIndex = headerRow, Height = Height(headers, bold: true), CustomHeight = true });
            }

            foreach (var (rowIndex, cells) in _rows)
            {
                data.Append(new Row(cells.Select((value, c) => Cell($"{ColumnName(c + 1)}{rowIndex}", value, DataStyle(c + 1, value)))) { RowIndex = rowIndex, Height = Height(cells, bold: false), CustomHeight = true });
            }

            var worksheet = new Worksheet(new SheetProperties(new PageSetupProperties { FitToPage = true }));
            if (HeaderRow is { } frozen)
            {
                worksheet.Append(new SheetViews(new SheetView(new Pane { VerticalSplit = frozen, TopLeftCell = $"A{frozen + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }));
            }

            worksheet.Append(new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true, Hidden = _hidden.Contains(i + 1) ? true : null })));
            worksheet.Append(data);
            if (_protected)
            {
                // Rows may be made taller to read a long text; nothing else of the layout changes.
                worksheet.Append(new SheetProtection { Sheet = true, Objects = true, Scenarios = true, FormatRows = false });
            }

            if (merges.HasChildren)
            {
                worksheet.Append(merges);
            }

            if (_validations.Count > 0 && _rows.Count > 0)
            {
                // Over the data rows only: a row added below is not part of the form.
                var validations = new DataValidations { Count = (uint)_validations.Count };
                foreach (var (column, rule) in _validations)
                {
                    var validation = (DataValidation)rule.CloneNode(true);
                    validation.SequenceOfReferences = new ListValue<StringValue>([new StringValue($"{ColumnName(column)}{_rows[0].Index}:{ColumnName(column)}{_rows[^1].Index}")]);
                    validations.Append(validation);
                }

                worksheet.Append(validations);
            }

            worksheet.Append(
                new PrintOptions { HorizontalCentered = true },
                new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
                new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
            return worksheet;
        }

        /// <summary>A data cell's style: as its value says, or, on a form, grey and locked unless its column is editable.</summary>
        private uint DataStyle(int column, object? value)
        {
            var style = Style(value);
            if (_editable.Count == 0)
            {
                return style;
            }

            var number = style != TextStyle || (value is null && _editable.GetValueOrDefault(column));
            return _editable.ContainsKey(column)
                ? number ? EditableNumberStyle : EditableTextStyle
                : number ? LockedNumberStyle : LockedTextStyle;
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
