using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CoordinationPortal.Web.Features.ReportWorkbooks;

/// <summary>What one cell holds, as the reader needs it: its text (never evaluated), and what kind it is.</summary>
public readonly record struct CellText(string? Text, CellKind Kind)
{
    public bool IsEmpty => Kind != CellKind.Formula && string.IsNullOrEmpty(Text);
}

public enum CellKind
{
    Text = 1,

    /// <summary>A numeric cell: the text is the stored number, invariant ("1234", "1234.5", "1E+20").</summary>
    Number = 2,

    /// <summary>The cell has a formula: its cached result is ignored, never evaluated.</summary>
    Formula = 3,

    /// <summary>A boolean, an error or a date cell: nothing a report field holds.</summary>
    Other = 4,
}

/// <summary>The rows a sheet holds, read up to a limit, and whether there were more.</summary>
public sealed record SheetRows(IReadOnlyList<(int Row, IReadOnlyDictionary<int, CellText> Cells)> Rows, bool TooMany);

/// <summary>
/// Reads cells with the SAX <see cref="OpenXmlReader"/>, a row at a time, so a sheet of 10,000 rows
/// costs what its first <see cref="WorkbookFormat.MaxRowsRead"/> rows cost. Shared strings, inline
/// strings and rich-text runs become plain text; a missing cell or row reference (some writers omit
/// them) is counted from the one before.
/// </summary>
public static class SheetCells
{
    /// <summary>The workbook's shared strings, rich-text runs joined.</summary>
    public static IReadOnlyList<string> SharedStrings(WorkbookPart workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part)
        {
            return strings;
        }

        using var reader = OpenXmlReader.Create(part);
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.IsStartElement && reader.ElementType == typeof(SharedStringItem))
            {
                strings.Add(TextOf((SharedStringItem)reader.LoadCurrentElement()!));
            }
            else
            {
                reader.Read();
            }
        }

        return strings;
    }

    /// <summary>The worksheet part of the sheet with this name (as the tab shows it), or null.</summary>
    public static WorksheetPart? FindSheet(WorkbookPart workbook, string name)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var sheet = workbook.Workbook?.Sheets?.Elements<Sheet>()
            .FirstOrDefault(s => string.Equals(s.Name?.Value?.Trim().Normalize(NormalizationForm.FormC), name, StringComparison.OrdinalIgnoreCase));
        return sheet?.Id?.Value is { } id && workbook.TryGetPartById(id, out var part) ? part as WorksheetPart : null;
    }

    /// <summary>The rows of a sheet, columns 1..<paramref name="lastColumn"/>, at most <paramref name="maxRows"/> of them.</summary>
    public static SheetRows Read(WorksheetPart part, IReadOnlyList<string> shared, int lastColumn, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(shared);
        var rows = new List<(int, IReadOnlyDictionary<int, CellText>)>();
        var previousRow = 0;
        using var reader = OpenXmlReader.Create(part);
        reader.Read();
        while (!reader.EOF)
        {
            if (!reader.IsStartElement || reader.ElementType != typeof(Row))
            {
                reader.Read();
                continue;
            }

            if (rows.Count == maxRows)
            {
                return new SheetRows(rows, TooMany: true);
            }

            var row = (Row)reader.LoadCurrentElement()!;
            var number = row.RowIndex?.Value is { } index and > 0 and < 1_048_577 ? (int)index : previousRow + 1;
            previousRow = number;
            var cells = new Dictionary<int, CellText>();
            var column = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                column = ColumnOf(cell.CellReference?.Value) ?? column + 1;
                if (column >= 1 && column <= lastColumn)
                {
                    cells[column] = Read(cell, shared);
                }
            }

            rows.Add((number, cells));
        }

        return new SheetRows(rows, TooMany: false);
    }

    private static CellText Read(Cell cell, IReadOnlyList<string> shared)
    {
        if (cell.CellFormula is not null)
        {
            return new CellText(null, CellKind.Formula);
        }

        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count
                ? new CellText(shared[i], CellKind.Text)
                : new CellText(null, CellKind.Other);
        }

        if (type == CellValues.InlineString)
        {
            return new CellText(cell.InlineString is { } inline ? TextOf(inline) : null, CellKind.Text);
        }

        if (type == CellValues.String)
        {
            return new CellText(raw, CellKind.Text);
        }

        if (type is null || type == CellValues.Number)
        {
            return new CellText(string.IsNullOrEmpty(raw) ? null : raw.Trim(), CellKind.Number);
        }

        return new CellText(raw, CellKind.Other);
    }

    /// <summary>A string item's text: its plain text, or its runs' texts joined (phonetic runs left out).</summary>
    private static string TextOf(OpenXmlCompositeElement item)
    {
        if (item.GetFirstChild<Text>() is { } text)
        {
            return text.Text;
        }

        var builder = new StringBuilder();
        foreach (var run in item.Elements<Run>())
        {
            builder.Append(run.Text?.Text);
        }

        return builder.ToString();
    }

    /// <summary>The column of a reference such as "D7" (4), or null when it cannot be read.</summary>
    public static int? ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var column = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                column = (column * 26) + (c - 'A' + 1);
                if (column > 16_384)
                {
                    return null;
                }
            }
            else if (c is >= 'a' and <= 'z')
            {
                column = (column * 26) + (c - 'a' + 1);
                if (column > 16_384)
                {
                    return null;
                }
            }
            else
            {
                break;
            }
        }

        return column == 0 ? null : column;
    }
}
