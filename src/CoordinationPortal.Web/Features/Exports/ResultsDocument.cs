using System.Globalization;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Web.Features.Dashboard;
using CoordinationPortal.Web.Features.Plans;
using CoordinationPortal.Web.Infrastructure;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CoordinationPortal.Web.Features.Exports;

/// <summary>
/// The year-end results report as a Word document in the administrative format of Decree
/// 30/2020/NĐ-CP: A4, margins 20/20/30/20 mm, Times New Roman 14 pt, the issuing body and number on
/// the left and the national title block on the right, the place and date line, the title, the body,
/// then recipients and the signature block. It is a draft to be edited and signed, so the number
/// and date are left blank.
/// </summary>
public static class ResultsDocument
{
    private const string Font = "Times New Roman";
    private const int BodySize = 28; // half-points: 14 pt
    private const int HeaderSize = 26; // 13 pt
    private const int NationalTitleSize = 24; // 12 pt
    private const string Motto = "Độc lập - Tự do - Hạnh phúc";

    // A4 in twips, with Decree 30's margins: top and bottom 20 mm, left 30 mm, right 20 mm.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int MarginTop = 1134;
    private const int MarginBottom = 1134;
    private const int MarginLeft = 1701;
    private const int MarginRight = 1134;
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;
    private const int IssuerColumn = 3500;
    private const int NationColumn = TextWidth - IssuerColumn;

    // Decree 30 wants the lines under the issuer and the summary a third to a half of the text's
    // length: aim at the middle, so that an error in measuring the text still lands inside.
    private const double ShortLineShare = 5.0 / 12;

    public static byte[] Build(ResultsReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var memory = new MemoryStream();
        using (var document = WordprocessingDocument.Create(memory, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            AddSettings(main);
            var body = new Body();
            body.Append(HeaderTable(data));
            body.Append(Paragraph(string.Empty));
            body.Append(Paragraph("BÁO CÁO", bold: true, center: true, after: 0));
            string[] summary = [$"Kết quả thực hiện Chương trình phối hợp năm {data.Year}", $"giữa {data.CemaName} với {data.VwuName}"];
            foreach (var line in summary)
            {
                body.Append(Paragraph(line, bold: true, center: true, after: 0));
            }

            // A summary wider than the page wraps, and then its longest line is the page's width.
            body.Append(Rule(TextWidth, Math.Min(TextWidth, summary.Max(line => Twips(line, bold: true, BodySize))) * ShortLineShare));
            body.Append(Paragraph(string.Empty));
            body.Append(Paragraph(
                $"Thực hiện Chương trình phối hợp công tác giai đoạn 2021-2025 (văn bản số {data.ProgrammeNumber} ngày {D(data.ProgrammeSignedOn)}) " +
                $"và Kế hoạch số {data.PlanNumber} ngày {D(data.PlanIssuedOn)} triển khai Chương trình phối hợp năm {data.Year}, " +
                $"Trung ương Hội LHPN Việt Nam báo cáo kết quả thực hiện năm {data.Year} như sau:",
                indent: true));

            var completed = data.Activities.Count(a => a.Activity.Progress.Status == ActivityStatus.Completed);
            var flagged = data.Activities.Count(a => a.Activity.Progress.Flagged);
            body.Append(Paragraph("I. KẾT QUẢ THỰC HIỆN CÁC HOẠT ĐỘNG", bold: true));
            body.Append(Paragraph($"Năm {data.Year}, {completed}/{data.Activities.Count} hoạt động đã hoàn thành; {flagged} hoạt động cần tiếp tục theo dõi (chậm, có nguy cơ chậm hoặc quá thời hạn).", indent: true));
            foreach (var activity in data.Activities)
            {
                AppendActivity(body, activity, data);
            }

            body.Append(Paragraph("II. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐỊA PHƯƠNG", bold: true));
            body.Append(Paragraph("Tỷ lệ đầy đủ là số báo cáo đã nhận trên số báo cáo phải nộp (mỗi tỉnh, thành phố có hai đơn vị báo cáo: Hội LHPN và cơ quan công tác dân tộc); tỷ lệ đúng hạn là số báo cáo gửi đúng hạn trên số phải nộp.", indent: true));
            body.Append(ReportingTable(data));

            body.Append(Paragraph("III. KHÓ KHĂN, VƯỚNG MẮC", bold: true));
            var difficulties = data.Activities.SelectMany(a => a.Central.Select(c => c.Difficulties).OfType<string>().Concat(a.Difficulties)).Distinct().Take(8).ToList();
            AppendBullets(body, difficulties.Count > 0 ? difficulties : ["(Bổ sung khó khăn, vướng mắc.)"]);

            body.Append(Paragraph("IV. PHƯƠNG HƯỚNG, ĐỀ XUẤT", bold: true));
            var proposals = data.Activities.SelectMany(a => a.Proposals.Concat(a.Central.Select(c => c.NextSteps).OfType<string>())).Distinct().Take(8).ToList();
            AppendBullets(body, proposals.Count > 0 ? proposals : ["(Bổ sung phương hướng, đề xuất.)"]);

            body.Append(Paragraph(string.Empty));
            body.Append(SignatureTable());
            body.Append(Section(main));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return memory.ToArray();
    }

    private static void AppendActivity(Body body, ResultsActivity item, ResultsReportData data)
    {
        var a = item.Activity;
        body.Append(Paragraph($"{a.Number}. {a.Title}", bold: true));
        var roles = a.RoleSummary switch
        {
            RoleSummaryKind.Joint => "Hai cơ quan cùng thực hiện.",
            RoleSummaryKind.PerTask => "Phân công theo từng nhiệm vụ.",
            _ => $"Chủ trì: {AgencyName(a.LeadCode, data)}; phối hợp: {string.Join(", ", a.SupportingCodes.Select(c => AgencyName(c, data)))}.",
        };
        body.Append(Paragraph($"- Phân công: {roles}", indent: true));
        body.Append(Paragraph($"- Tình trạng: {StatusText(a.Progress.Status)} ({a.Progress.PercentComplete}%){(a.Progress.LastReportedOn is { } last ? $", cập nhật ngày {D(last)}" : string.Empty)}.", indent: true));
        if (item.Central.Count == 0)
        {
            body.Append(Paragraph("- Kết quả: (chưa có cập nhật tiến độ của cơ quan trung ương; bổ sung.)", indent: true));
        }

        foreach (var (agency, done, _, _) in item.Central)
        {
            body.Append(Paragraph($"- {agency}: {done}", indent: true));
        }

        if (item.Totals.Count > 0)
        {
            body.Append(Paragraph(
                a.ProvincesReport
                    ? "- Chỉ tiêu (thực hiện: tổng hợp từ báo cáo quý các địa phương đã gửi; mục tiêu: mục tiêu cả năm của Kế hoạch):"
                    : "- Chỉ tiêu (thực hiện: tổng số lũy kế mới nhất do các cơ quan trung ương cập nhật; mục tiêu: mục tiêu cả năm của Kế hoạch):",
                indent: true));
            body.Append(IndicatorTable(item.Totals));
        }

        if (a.ProvincesReport)
        {
            body.Append(Paragraph($"- Đóng góp của các địa phương: {item.ProvincesReporting} tỉnh, thành phố có báo cáo kết quả hoạt động này.", indent: true));
            AppendBullets(body, [.. item.Examples.Select(e => $"{e.Province}: {e.Results}")]);
        }
        else
        {
            body.Append(Paragraph("- Hoạt động do cơ quan trung ương thực hiện; các địa phương không báo cáo hoạt động này.", indent: true));
        }
    }

    /// <summary>An activity's indicators: what was done in the year, the year's target, and the share of it reached.</summary>
    private static Table IndicatorTable(IReadOnlyList<IndicatorTotals> totals)
    {
        const int Number = 1750;
        const int Percent = 1450;
        int[] columns = [TextWidth - (2 * Number) - Percent, Number, Number, Percent];
        var table = Table(columns, bordered: true);
        table.Append(Row(columns, header: true, "Chỉ tiêu", "Thực hiện", "Mục tiêu", "Tỷ lệ đạt"));
        foreach (var t in totals)
        {
            var row = new TableRow(new TableRowProperties(new CantSplit()));
            string[] cells =
            [
                t.Name,
                Value(t.Unit, t.YearToDate),
                t.Target is { } target ? Value(t.Unit, target) : "Chưa đặt mục tiêu",
                t.PercentReached is { } percent ? (percent / 100m).ToString("P0", LocalizationSetup.FormatCulture) : "–",
            ];
            row.Append(cells.Select((text, i) => Cell(columns[i], Paragraph(text, italic: i == 2 && t.Target is null, center: i > 0, size: 24, after: 60))));
            table.Append(row);
        }

        return table;
    }

    private static string Value(IndicatorUnit unit, long value) =>
        unit == IndicatorUnit.Vnd
            ? value.ToString("#,0", LocalizationSetup.FormatCulture) + " đồng"
            : value.ToString("#,0", LocalizationSetup.FormatCulture) + (unit == IndicatorUnit.People ? " người" : string.Empty);

    /// <summary>The agency's full name valid at the year's end, as the document's title gives it (never a generic "cơ quan công tác dân tộc").</summary>
    private static string AgencyName(string? code, ResultsReportData data) => code switch
    {
        "VWU" => data.VwuName,
        "CEMA" => data.CemaName,
        _ => string.Empty,
    };

    private static string StatusText(ActivityStatus status) => status switch
    {
        ActivityStatus.Completed => "Đã hoàn thành",
        ActivityStatus.OnTrack => "Đúng tiến độ", // the same labels as the portal (Status.*)
        ActivityStatus.AtRisk => "Có nguy cơ chậm",
        ActivityStatus.Delayed => "Chậm tiến độ",
        ActivityStatus.Cancelled => "Đã hủy",
        _ => "Chưa bắt đầu",
    };

    private static string D(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static Table ReportingTable(ResultsReportData data)
    {
        const int Number = 1488;
        int[] columns = [TextWidth - (5 * Number), Number, Number, Number, Number, Number];
        var table = Table(columns, bordered: true);

        // The header row is repeated at the top of every page the table runs onto.
        table.Append(Row(columns, header: true, "Quý", "Phải nộp", "Đã nhận", "Đúng hạn", "Tỷ lệ đầy đủ", "Tỷ lệ đúng hạn"));
        foreach (var r in data.Reporting)
        {
            table.Append(Row(columns, header: false, $"Quý {r.Quarter.Roman}/{r.Quarter.Year}", N(r.Expected), N(r.Received), N(r.OnTime), r.Completeness.ToString("P0", LocalizationSetup.FormatCulture), r.Timeliness.ToString("P0", LocalizationSetup.FormatCulture)));
        }

        return table;

        static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    private static TableRow Row(int[] columns, bool header, params string[] cells)
    {
        var row = new TableRow(header ? new TableRowProperties(new CantSplit(), new TableHeader()) : new TableRowProperties(new CantSplit()));
        row.Append(cells.Select((text, i) => Cell(columns[i], Paragraph(text, bold: header, center: true, size: 24, after: 60))));
        return row;
    }

    private static Table HeaderTable(ResultsReportData data)
    {
        string[] issuer = ["HỘI LIÊN HIỆP PHỤ NỮ", "VIỆT NAM"];
        var table = Table([IssuerColumn, NationColumn], bordered: false);
        table.Append(new TableRow(
            Cell(
                IssuerColumn,
                Paragraph(issuer[0], bold: true, center: true, size: HeaderSize, after: 0),
                Paragraph(issuer[1], bold: true, center: true, size: HeaderSize, after: 0),
                Rule(IssuerColumn, issuer.Max(line => Twips(line, bold: true, HeaderSize)) * ShortLineShare),
                Paragraph("Số:        /BC-HLHPNVN", center: true, size: HeaderSize)),
            Cell(
                NationColumn,
                Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, center: true, size: NationalTitleSize, after: 0),
                Paragraph(Motto, bold: true, center: true, after: 0),
                Rule(NationColumn, Twips(Motto, bold: true, BodySize)), // as long as the motto
                Paragraph($"Hà Nội, ngày      tháng      năm {data.Year}", italic: true, center: true))));
        return table;
    }

    private static Table SignatureTable()
    {
        int[] columns = [TextWidth / 2, TextWidth - (TextWidth / 2)];
        var table = Table(columns, bordered: false);
        table.Append(new TableRow(
            Cell(
                columns[0],
                Paragraph("Nơi nhận:", bold: true, italic: true, size: 24),
                Paragraph("- Ban Thường vụ, Đoàn Chủ tịch TW Hội (để b/c);", size: 22, after: 0),
                Paragraph("- Lãnh đạo cơ quan công tác dân tộc (để phối hợp);", size: 22, after: 0),
                Paragraph("- Lưu: VT.", size: 22, after: 0)),
            Cell(
                columns[1],
                Paragraph("TM. ĐOÀN CHỦ TỊCH", bold: true, center: true, after: 0),
                Paragraph("PHÓ CHỦ TỊCH", bold: true, center: true, after: 0),
                Paragraph("(Ký, ghi rõ họ tên)", italic: true, center: true, size: 24),
                Paragraph(string.Empty),
                Paragraph(string.Empty))));
        return table;
    }

    /// <summary>
    /// A table with its grid (Word needs w:tblGrid to lay a table out) and fixed column widths.
    /// Layout tables (the header and signature blocks) have no borders and no cell margins, so that
    /// their text and lines sit exactly where the widths say.
    /// </summary>
    private static Table Table(int[] columns, bool bordered)
    {
        // Children in the schema's order: tblW, tblBorders, tblLayout, tblCellMar.
        var properties = new TableProperties(new TableWidth { Width = Invariant(columns.Sum()), Type = TableWidthUnitValues.Dxa });
        if (bordered)
        {
            properties.Append(new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }));
        }

        var margin = (short)(bordered ? 108 : 0);
        properties.Append(
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableCellMarginDefault(
                new TableCellLeftMargin { Width = margin, Type = TableWidthValues.Dxa },
                new TableCellRightMargin { Width = margin, Type = TableWidthValues.Dxa }));
        return new Table(properties, new TableGrid(columns.Select(width => new GridColumn { Width = Invariant(width) })));
    }

    private static TableCell Cell(int width, params OpenXmlElement[] content)
    {
        var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = Invariant(width), Type = TableWidthUnitValues.Dxa }));
        cell.Append(content);
        return cell;
    }

    private static void AppendBullets(Body body, IReadOnlyList<string> items)
    {
        foreach (var item in items)
        {
            body.Append(Paragraph("+ " + item, indent: true));
        }
    }

    private static Paragraph Paragraph(string text, bool bold = false, bool italic = false, bool center = false, bool indent = false, int size = BodySize, int after = 120)
    {
        // Children in the schema's order (spacing, ind, jc): Word is strict about it.
        var properties = new ParagraphProperties(new SpacingBetweenLines { After = Invariant(after), Line = "288", LineRule = LineSpacingRuleValues.Auto });
        if (indent)
        {
            properties.Append(new Indentation { FirstLine = "567" });
        }

        properties.Append(new Justification { Val = center ? JustificationValues.Center : JustificationValues.Both });
        return new Paragraph(properties, Run(text, bold, italic, size));
    }

    /// <summary>
    /// A run of cleaned text: a line break in the text becomes a Word line break (w:br) and a tab
    /// a tab (w:tab), which a w:t cannot hold.
    /// </summary>
    private static Run Run(string text, bool bold = false, bool italic = false, int size = BodySize)
    {
        // Children in the schema's order (rFonts, b, i, sz): Word may drop bold or italic out of order.
        var properties = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font });
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (italic)
        {
            properties.Append(new Italic());
        }

        properties.Append(new FontSize { Val = Invariant(size) });
        var run = new Run(properties);
        var lines = DocumentText.Clean(text).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            var pieces = lines[i].Split('\t');
            for (var j = 0; j < pieces.Length; j++)
            {
                if (j > 0)
                {
                    run.Append(new TabChar());
                }

                if (pieces[j].Length > 0)
                {
                    run.Append(new Text(pieces[j]) { Space = SpaceProcessingModeValues.Preserve });
                }
            }
        }

        return run;
    }

    /// <summary>
    /// A horizontal line of the given length (twips), centred in the available width: the top
    /// border of an empty paragraph between equal indents. Unlike a row of dashes, its length does
    /// not depend on the font, and it never wraps.
    /// </summary>
    private static Paragraph Rule(int available, double length)
    {
        var side = Invariant((int)Math.Round((available - Math.Min(length, available)) / 2));
        return new Paragraph(new ParagraphProperties(
            new ParagraphBorders(new TopBorder { Val = BorderValues.Single, Size = 6, Space = 0, Color = "000000" }),
            new SpacingBetweenLines { Before = "40", After = "0", Line = "120", LineRule = LineSpacingRuleValues.Exact },
            new Indentation { Left = side, Right = side },
            new Justification { Val = JustificationValues.Center },
            new ParagraphMarkRunProperties(new FontSize { Val = "4" })));
    }

    /// <summary>
    /// A4 with Decree 30's margins, and its page numbers: centred in the top margin, 14 pt, on every
    /// page but the first (w:titlePg gives the first page its own header, left empty).
    /// </summary>
    private static SectionProperties Section(MainDocumentPart main)
    {
        var numbered = main.AddNewPart<HeaderPart>();
        numbered.Header = new Header(new Paragraph(
            new ParagraphProperties(new SpacingBetweenLines { After = "0" }, new Justification { Val = JustificationValues.Center }),
            FieldRun(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            FieldRun(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            FieldRun(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            FieldRun(new Text("2")),
            FieldRun(new FieldChar { FieldCharType = FieldCharValues.End })));
        numbered.Header.Save();
        var first = main.AddNewPart<HeaderPart>();
        first.Header = new Header(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" })));
        first.Header.Save();

        // Children in the schema's order: header references, pgSz, pgMar, titlePg.
        return new SectionProperties(
            new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(numbered) },
            new HeaderReference { Type = HeaderFooterValues.First, Id = main.GetIdOfPart(first) },
            new PageSize { Width = PageWidth, Height = PageHeight },
            new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = 567, Footer = 567, Gutter = 0 },
            new TitlePage());

        static Run FieldRun(OpenXmlElement content) =>
            new(new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font }, new FontSize { Val = Invariant(BodySize) }), content);
    }

    /// <summary>How wide a line of text is in twips, at a size in half-points.</summary>
    private static double Twips(string text, bool bold, int halfPoints) => DocumentText.Width(text, bold) * halfPoints * 10;

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    // A line that ends in a line break (a text typed with Shift+Enter) is not stretched to the
    // margin, as Word and LibreOffice otherwise do in justified paragraphs.
    private static void AddSettings(MainDocumentPart main)
    {
        var settings = main.AddNewPart<DocumentSettingsPart>();
        settings.Settings = new Settings(new Compatibility(new DoNotExpandShiftReturn()));
        settings.Settings.Save();
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = Invariant(BodySize) },
                new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120" }))));
        styles.Styles.Save();
    }
}
