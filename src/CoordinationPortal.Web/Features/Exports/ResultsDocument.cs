using System.Globalization;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Web.Features.Dashboard;
using CoordinationPortal.Web.Features.Plans;
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
            body.Append(Paragraph("BÁO CÁO", bold: true, center: true));
            body.Append(Paragraph($"Kết quả thực hiện Chương trình phối hợp năm {data.Year}", bold: true, center: true));
            body.Append(Paragraph($"giữa {data.CemaName} và {data.VwuName}", bold: true, center: true));
            body.Append(Paragraph("―――――", center: true));
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
                AppendActivity(body, activity);
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
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701, Right = 1134, Header = 567, Footer = 567, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return memory.ToArray();
    }

    private static void AppendActivity(Body body, ResultsActivity item)
    {
        var a = item.Activity;
        body.Append(Paragraph($"{a.Number}. {a.Title}", bold: true));
        var roles = a.RoleSummary switch
        {
            RoleSummaryKind.Joint => "Hai cơ quan cùng thực hiện.",
            RoleSummaryKind.PerTask => "Phân công theo từng nhiệm vụ (Báo cáo kết quả: Hội LHPN Việt Nam chủ trì; Kế hoạch năm sau: cơ quan công tác dân tộc chủ trì).",
            _ => $"Chủ trì: {AgencyName(a.LeadCode)}; phối hợp: {string.Join(", ", a.SupportingCodes.Select(AgencyName))}.",
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
            body.Append(Paragraph("- Chỉ tiêu (tổng hợp từ báo cáo quý của các địa phương):", indent: true));
            AppendBullets(body, [.. item.Totals.Select(t => $"{t.Name}: {Value(t)}")]);
        }

        body.Append(Paragraph($"- Đóng góp của các địa phương: {item.ProvincesReporting} tỉnh, thành phố có báo cáo kết quả hoạt động này.", indent: true));
        AppendBullets(body, [.. item.Examples.Select(e => $"{e.Province}: {e.Results}")]);
    }

    private static string Value(IndicatorTotals total) =>
        total.Unit == IndicatorUnit.Vnd
            ? total.Total.ToString("#,0", CultureInfo.GetCultureInfo("vi-VN")) + " đồng"
            : total.Total.ToString("#,0", CultureInfo.GetCultureInfo("vi-VN")) + (total.Unit == IndicatorUnit.People ? " người" : string.Empty);

    private static string AgencyName(string? code) => code switch
    {
        "VWU" => "Hội LHPN Việt Nam",
        "CEMA" => "cơ quan công tác dân tộc",
        _ => string.Empty,
    };

    private static string StatusText(ActivityStatus status) => status switch
    {
        ActivityStatus.Completed => "Đã hoàn thành",
        ActivityStatus.OnTrack => "Đang thực hiện đúng tiến độ",
        ActivityStatus.AtRisk => "Có nguy cơ chậm",
        ActivityStatus.Delayed => "Chậm tiến độ",
        ActivityStatus.Cancelled => "Đã hủy",
        _ => "Chưa triển khai",
    };

    private static string D(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static Table ReportingTable(ResultsReportData data)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        table.Append(Row(true, "Quý", "Phải nộp", "Đã nhận", "Đúng hạn", "Tỷ lệ đầy đủ", "Tỷ lệ đúng hạn"));
        foreach (var r in data.Reporting)
        {
            table.Append(Row(false, $"Quý {r.Quarter.Roman}/{r.Quarter.Year}", N(r.Expected), N(r.Received), N(r.OnTime), r.Completeness.ToString("P0", CultureInfo.GetCultureInfo("vi-VN")), r.Timeliness.ToString("P0", CultureInfo.GetCultureInfo("vi-VN"))));
        }

        return table;

        static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    private static TableRow Row(bool header, params string[] cells) =>
        new(cells.Select(text => new TableCell(Paragraph(text, bold: header, center: true, size: 24))));

    private static Table HeaderTable(ResultsReportData data)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableLayout { Type = TableLayoutValues.Fixed }));
        table.Append(new TableGrid(new GridColumn { Width = "3500" }, new GridColumn { Width = "5571" }));
        table.Append(new TableRow(
            new TableCell(
                new TableCellProperties(new TableCellWidth { Width = "3500", Type = TableWidthUnitValues.Dxa }),
                Paragraph("HỘI LIÊN HIỆP PHỤ NỮ", bold: true, center: true, size: HeaderSize),
                Paragraph("VIỆT NAM", bold: true, center: true, size: HeaderSize),
                Paragraph("―――――", center: true, size: HeaderSize),
                Paragraph("Số:        /BC-HLHPNVN", center: true, size: HeaderSize)),
            new TableCell(
                new TableCellProperties(new TableCellWidth { Width = "5571", Type = TableWidthUnitValues.Dxa }),
                Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, center: true, size: 24),
                Paragraph("Độc lập - Tự do - Hạnh phúc", bold: true, center: true),
                Paragraph("―――――――――――", center: true, size: HeaderSize),
                Paragraph($"Hà Nội, ngày      tháng      năm {data.Year}", italic: true, center: true))));
        return table;
    }

    private static Table SignatureTable()
    {
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        table.Append(new TableRow(
            new TableCell(
                Paragraph("Nơi nhận:", bold: true, italic: true, size: 24),
                Paragraph("- Ban Thường vụ, Đoàn Chủ tịch TW Hội (để b/c);", size: 22),
                Paragraph("- Lãnh đạo cơ quan công tác dân tộc (để phối hợp);", size: 22),
                Paragraph("- Lưu: VT.", size: 22)),
            new TableCell(
                Paragraph("TM. ĐOÀN CHỦ TỊCH", bold: true, center: true),
                Paragraph("PHÓ CHỦ TỊCH", bold: true, center: true),
                Paragraph("(Ký, ghi rõ họ tên)", italic: true, center: true, size: 24),
                Paragraph(string.Empty),
                Paragraph(string.Empty))));
        return table;
    }

    private static void AppendBullets(Body body, IReadOnlyList<string> items)
    {
        foreach (var item in items)
        {
            body.Append(Paragraph("+ " + item, indent: true));
        }
    }

    private static Paragraph Paragraph(string text, bool bold = false, bool italic = false, bool center = false, bool indent = false, int size = BodySize)
    {
        var runProperties = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font }, new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        if (bold)
        {
            runProperties.Append(new Bold());
        }

        if (italic)
        {
            runProperties.Append(new Italic());
        }

        var properties = new ParagraphProperties(
            new SpacingBetweenLines { After = "120", Line = "288", LineRule = LineSpacingRuleValues.Auto },
            new Justification { Val = center ? JustificationValues.Center : JustificationValues.Both });
        if (indent)
        {
            properties.Append(new Indentation { FirstLine = "567" });
        }

        var run = new Run(runProperties);
        run.Append(Content(text));
        return new Paragraph(properties, run);
    }

    /// <summary>
    /// Cleaned text as the content of a run: a line break in the text becomes a Word line break
    /// (w:br) and a tab a tab (w:tab), which a w:t cannot hold.
    /// </summary>
    private static IEnumerable<OpenXmlElement> Content(string text)
    {
        var lines = DocumentText.Clean(text).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                yield return new Break();
            }

            var pieces = lines[i].Split('\t');
            for (var j = 0; j < pieces.Length; j++)
            {
                if (j > 0)
                {
                    yield return new TabChar();
                }

                if (pieces[j].Length > 0)
                {
                    yield return new Text(pieces[j]) { Space = SpaceProcessingModeValues.Preserve };
                }
            }
        }
    }

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
                new FontSize { Val = BodySize.ToString(CultureInfo.InvariantCulture) },
                new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120" }))));
        styles.Styles.Save();
    }
}
