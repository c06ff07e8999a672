namespace CoordinationPortal.Web.Features.ReportWorkbooks;

/// <summary>
/// The layout of a report workbook, format 1: the writer makes it and the reader relies on it, so both
/// name cells only through this class. Sheets are found by name, hidden values by key (never by row),
/// so an officer who inserts a row above the data or reorders sheets does not break the upload.
/// </summary>
public static class WorkbookFormat
{
    /// <summary>Raised when the layout changes in a way an older file cannot be read by the same rules.</summary>
    public const int Version = 1;

    public const string LinesSheet = "Báo cáo";
    public const string IndicatorsSheet = "Chỉ số";

    /// <summary>Very hidden: the report the file was made from, read by key.</summary>
    public const string PortalSheet = "_portal";

    /// <summary>Rows 1-3 are title, subtitle and instructions; row 4 the header; data from row 5.</summary>
    public const int HeaderRow = 4;
    public const int FirstDataRow = 5;

    /// <summary>The reader stops here: no report has this many lines or indicators.</summary>
    public const int MaxRowsRead = 1_000;

    /// <summary>Columns of the "Báo cáo" sheet (1-based, A = 1).</summary>
    public static class Lines
    {
        public const int ActivityId = 1;      // A, hidden, locked
        public const int Number = 2;          // B, locked
        public const int Title = 3;           // C, locked
        public const int Status = 4;          // D, list of the status labels
        public const int Results = 5;         // E
        public const int NoResultsReason = 6; // F
        public const int Difficulties = 7;    // G
        public const int Proposals = 8;       // H
        public const int LastColumn = Proposals;
    }

    /// <summary>Columns of the "Chỉ số" sheet (1-based).</summary>
    public static class Indicators
    {
        public const int ActivityId = 1;  // A, hidden
        public const int IndicatorId = 2; // B, hidden
        public const int Number = 3;      // C, activity number
        public const int Name = 4;        // D
        public const int Unit = 5;        // E
        public const int Target = 6;      // F
        public const int Value = 7;       // G, the only cell the officer fills
        public const int LastColumn = Value;
    }

    /// <summary>Keys in column A of the "_portal" sheet; the value is in column B.</summary>
    public static class Keys
    {
        public const string Format = "format";
        public const string ReportId = "report-id";
        public const string Version = "version";
        public const string Quarter = "quarter";
        public const string PlanId = "plan-id";
        public const string ProvinceCode = "province-code";
        public const string Agency = "agency";
        public const string MadeAt = "made-at";
    }

    /// <summary>The status labels the drop-down lists, on the "_portal" sheet from this row down (column A).</summary>
    public const int StatusLabelsFirstRow = 20;

    /// <summary>Upload limits: an untrusted file is refused before it can cost memory or time.</summary>
    public static class Limits
    {
        public const long MaxFileBytes = 2 * 1024 * 1024;
        public const int MaxZipEntries = 64;
        public const long MaxExpandedBytes = 20 * 1024 * 1024;
        public const int MaxCompressionRatio = 200;
    }

    /// <summary>Cell reference as a person reads it, "D7" for (row 7, column 4).</summary>
    public static string CellReference(int row, int column)
    {
        var letters = "";
        for (var c = column; c > 0; c = (c - 1) / 26)
        {
            letters = (char)('A' + ((c - 1) % 26)) + letters;
        }

        return letters + row.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
