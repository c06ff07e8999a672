using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.ReportWorkbooks;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CoordinationPortal.Web.Tests.ReportWorkbooks.TestWorkbook;

namespace CoordinationPortal.Web.Tests.ReportWorkbooks;

/// <summary>
/// "Tải lên từ Excel" (issue 15): a filled report workbook is checked as untrusted input, read
/// against the report it is uploaded to, previewed old -> new with every problem at its cell, and
/// saved only when confirmed, through the report form's own save.
/// </summary>
public sealed partial class ReportImportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly Quarter Q3 = new(2024, 3);

    /// <summary>The report as its form shows it: id, version, and each line's activity and indicator ids, in order.</summary>
    private sealed record Facts(int Id, int Version, IReadOnlyList<(int ActivityId, IReadOnlyList<int> Indicators)> Lines);

    private async Task<int> DraftAsync()
    {
        var account = await factory.AccountAsync(Persona.ProvincialHaGiangVwu);
        var existing = await factory.WithDbAsync(db => db.QuarterlyReports.Where(r => r.CreatedById == account.Id && r.Quarter == Q3).Select(r => (int?)r.Id).FirstOrDefaultAsync(TestContext.Current.CancellationToken));
        if (existing is { } id)
        {
            return id;
        }

        var report = await factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q3, ReportState.Draft);
        await factory.ExemptionAsync(Q3);
        return report;
    }

    private static async Task<Facts> FactsAsync(HttpClient client, int id)
    {
        var page = await client.GetDocumentAsync($"/reports/{id}/edit");
        var fields = FormFields.Of(page, "#report-form");
        var lines = new List<(int, IReadOnlyList<int>)>();
        foreach (var select in page.QuerySelectorAll("select[name$='.Status']"))
        {
            var activity = int.Parse(LineId().Match(select.GetAttribute("name")!).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var indicators = fields.Keys.Where(k => k.StartsWith($"Lines[{activity}].Values[", StringComparison.Ordinal))
                .Select(k => int.Parse(ValueId().Match(k).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            lines.Add((activity, indicators));
        }

        return new Facts(id, int.Parse(fields["Version"], System.Globalization.CultureInfo.InvariantCulture), lines);
    }

    [GeneratedRegex(@"^Lines\[(\d+)\]")]
    private static partial Regex LineId();

    [GeneratedRegex(@"\.Values\[(\d+)\]$")]
    private static partial Regex ValueId();

    private static readonly Dictionary<ActivityStatus, string> Labels = new()
    {
        [ActivityStatus.NotStarted] = "Chưa bắt đầu",
        [ActivityStatus.OnTrack] = "Đúng tiến độ",
        [ActivityStatus.AtRisk] = "Có nguy cơ chậm",
        [ActivityStatus.Delayed] = "Chậm tiến độ",
        [ActivityStatus.Completed] = "Đã hoàn thành",
        [ActivityStatus.Cancelled] = "Đã hủy",
    };

    /// <summary>The workbook of the report as it is stored now (as the template would hold it): what a test then changes.</summary>
    private async Task<TestWorkbook> WorkbookOfAsync(Facts facts, int? version = null)
    {
        var stored = await StoredAsync(facts.Id);
        var book = new TestWorkbook().Portal(facts.Id, version ?? facts.Version, Q3.Key);
        var row = WorkbookFormat.FirstDataRow;
        var valueRow = WorkbookFormat.FirstDataRow;
        static TestCell? Text(string? text) => text is null ? null : new SharedText(text);
        foreach (var (activity, indicators) in facts.Lines)
        {
            var line = stored.Lines.Single(l => l.ActivityId == activity);
            book.Line(row++, activity, line.Status is { } s ? new SharedText(Labels[s]) : null, Text(line.Results), Text(line.NoResultsReason), Text(line.Difficulties), Text(line.Proposals));
            foreach (var indicator in indicators)
            {
                book.Value(valueRow++, activity, indicator, line.Values.FirstOrDefault(v => v.IndicatorId == indicator) is { } v ? new Number(v.Value) : null);
            }
        }

        return book;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int reportId, byte[] content, string name = "bao-cao.xlsx")
    {
        var page = await client.GetDocumentAsync("/account");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", name);
        return await client.PostAsync(new Uri($"/reports/{reportId}/import", UriKind.Relative), form, TestContext.Current.CancellationToken);
    }

    private static async Task<IDocument> PreviewAsync(HttpClient client, int reportId, byte[] content)
    {
        using var response = await UploadAsync(client, reportId, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadDocumentAsync();
    }

    private static List<string> Problems(IDocument page) => [.. page.QuerySelectorAll("[data-problem-cell]").Select(p => p.Text())];

    private Task<QuarterlyReport> StoredAsync(int id) =>
        factory.WithDbAsync(db => db.QuarterlyReports.AsNoTracking().SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken));

    private static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, int id, IDocument preview) =>
        client.PostFormAsync($"/reports/{id}/import/confirm", preview, FormFields.Of(preview, "#import-confirm"));

    [Fact]
    public async Task The_upload_page_says_what_happens_names_the_limit_and_links_the_template()
    {
        var id = await DraftAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        var page = await client.GetDocumentAsync($"/reports/{id}/import");

        Assert.Contains("2 MB", page.QuerySelector("#import-form")!.Text(), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/reports/{id}/workbook.xlsx']"));
        Assert.Contains("Chưa có gì được lưu cho tới khi bạn xác nhận", page.Body!.Text(), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#import-form input[type=file][name=file]"));
    }

    [Fact]
    public async Task A_filled_workbook_is_previewed_old_to_new_and_confirming_saves_exactly_what_was_typed_once()
    {
        var id = await DraftAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var facts = await FactsAsync(client, id);
        var (first, indicators) = facts.Lines.First(l => l.Indicators.Count > 0);
        var second = facts.Lines.First(l => l.ActivityId != first).ActivityId;
        var before = await StoredAsync(id);
        var typed = "Tổ chức 3 lớp tập huấn cho 120 hội viên người dân tộc Mông, Dao ở Đồng Văn, Mèo Vạc.\nPhát 500 tờ rơi song ngữ.";
        var book = (await WorkbookOfAsync(facts))
            .Line(WorkbookFormat.FirstDataRow + facts.Lines.ToList().FindIndex(l => l.ActivityId == first), first,
                new InlineText("  at risk "), // English label, other case, spaces around
                new SharedText(typed),
                null,
                new InlineText("Đường sạt lở, đi lại khó khăn."),
                new SharedText("Đề nghị hỗ trợ kinh phí in tài liệu."))
            .Value(WorkbookFormat.FirstDataRow, first, indicators[0], new SharedText("1.234"));
        if (indicators.Count > 1)
        {
            book.Value(WorkbookFormat.FirstDataRow + 1, first, indicators[1], new Number(5));
        }

        var preview = await PreviewAsync(client, id, book.Build());

        Assert.Empty(Problems(preview));
        Assert.Equal($"1 dòng thay đổi, {Math.Min(indicators.Count, 2)} giá trị chỉ số thay đổi", preview.QuerySelector("[data-import-counts]")!.Text());
        var changed = Assert.Single(preview.QuerySelectorAll("[data-import-line][data-changed=true]"));
        var results = changed.QuerySelector("tr[data-field='Kết quả thực hiện']")!;
        Assert.Equal(before.Lines.Single(l => l.ActivityId == first).Results, results.QuerySelector("[data-before]")!.Text());
        Assert.Contains("Đồng Văn, Mèo Vạc.", results.QuerySelector("[data-after]")!.Text(), StringComparison.Ordinal);
        var status = changed.QuerySelector("tr[data-field='Tình trạng']")!;
        Assert.Equal(Labels[before.Lines.Single(l => l.ActivityId == first).Status!.Value], status.QuerySelector("[data-before]")!.Text());
        Assert.Equal("Có nguy cơ chậm", status.QuerySelector("[data-after]")!.Text());
        Assert.Contains("1.234", changed.Text(), StringComparison.Ordinal);
        Assert.All(preview.QuerySelectorAll("[data-import-line][data-changed=false]"), l => Assert.Contains("Không thay đổi", l.Text(), StringComparison.Ordinal));
        Assert.Equal(facts.Version, (await StoredAsync(id)).Version); // a preview stores nothing

        var audited = await AuditCountAsync(id);
        using var saved = await ConfirmAsync(client, id, preview);
        using var again = await ConfirmAsync(client, id, preview); // a double click

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/reports/{id}/edit", saved.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var edit = await client.GetDocumentAsync($"/reports/{id}/edit");
        Assert.Contains("Đã lưu nội dung từ tệp Excel", edit.QuerySelector(".alert-success")!.Text(), StringComparison.Ordinal);
        var stored = await StoredAsync(id);
        Assert.Equal(facts.Version + 1, stored.Version); // written once
        Assert.Equal(audited + 1, await AuditCountAsync(id));
        var line = stored.Lines.Single(l => l.ActivityId == first);
        Assert.Equal(ActivityStatus.AtRisk, line.Status);
        Assert.Equal(typed, line.Results);
        Assert.Equal("Đường sạt lở, đi lại khó khăn.", line.Difficulties);
        Assert.Equal("Đề nghị hỗ trợ kinh phí in tài liệu.", line.Proposals);
        Assert.Contains(line.Values, v => v.IndicatorId == indicators[0] && v.Value == 1234);
        Assert.Equal(before.Lines.Single(l => l.ActivityId == second).Results, stored.Lines.Single(l => l.ActivityId == second).Results);
        Assert.Equal(ReportState.Draft, stored.State); // saved, never sent
    }

    private Task<int> AuditCountAsync(int id) => factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(QuarterlyReport) && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture), TestContext.Current.CancellationToken));

    [Fact]
    public async Task Rich_text_figures_typed_the_Vietnamese_way_and_emptied_cells_are_read_as_the_form_reads_them()
    {
        var id = await DraftAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var facts = await FactsAsync(client, id);
        var (first, indicators) = facts.Lines.First(l => l.Indicators.Count > 1);
        var rowOfFirst = WorkbookFormat.FirstDataRow + facts.Lines.ToList().FindIndex(l => l.ActivityId == first);
        var valueRows = facts.Lines.SelectMany(l => l.Indicators.Select(i => (l.ActivityId, Indicator: i)))
            .Select((x, i) => (x, Row: WorkbookFormat.FirstDataRow + i)).ToDictionary(p => p.x, p => p.Row);
        var book = (await WorkbookOfAsync(facts))
            .Line(rowOfFirst, first, new SharedText("ĐÚNG TIẾN ĐỘ"), new RichText(["Hội nghị ", "tại Yên Minh", " – 80 đại biểu."]), null, new InlineText("  \n  "))
            .Value(valueRows[(first, indicators[0])], first, indicators[0], new InlineText("1 234 567"))
            .Value(valueRows[(first, indicators[1])], first, indicators[1], new SharedText("12.000"));

        var preview = await PreviewAsync(client, id, book.Build());

        Assert.Empty(Problems(preview));
        var fields = FormFields.Of(preview, "#import-confirm");
        Assert.Equal("OnTrack", fields[$"Lines[{first}].Status"]);
        Assert.Equal("Hội nghị tại Yên Minh – 80 đại biểu.", fields[$"Lines[{first}].Results"]);
        Assert.False(fields.ContainsKey($"Lines[{first}].Difficulties")); // blank is no text
        Assert.Equal("1.234.567", fields[$"Lines[{first}].Values[{indicators[0]}]"]);
        Assert.Equal("12.000", fields[$"Lines[{first}].Values[{indicators[1]}]"]);
    }

    [Fact]
    public async Task The_largest_figure_a_form_takes_is_read_digit_for_digit_from_a_number_cell_and_one_more_is_named_at_its_cell()
    {
        var id = await DraftAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var facts = await FactsAsync(client, id);
        var (first, indicators) = facts.Lines.First(l => l.Indicators.Count > 1);
        var valueRows = facts.Lines.SelectMany(l => l.Indicators.Select(i => (l.ActivityId, Indicator: i)))
            .Select((x, i) => (x, Row: WorkbookFormat.FirstDataRow + i)).ToDictionary(p => p.x, p => p.Row);

        var largest = (await WorkbookOfAsync(facts)).Value(valueRows[(first, indicators[0])], first, indicators[0], new StoredNumber("1000000000000000"));
        var preview = await PreviewAsync(client, id, largest.Build());
        Assert.Empty(Problems(preview));
        Assert.Equal("1.000.000.000.000.000", FormFields.Of(preview, "#import-confirm")[$"Lines[{first}].Values[{indicators[0]}]"]);

        var row = valueRows[(first, indicators[1])];
        var beyond = (await WorkbookOfAsync(facts)).Value(row, first, indicators[1], new StoredNumber("1000000000000001"));
        var refused = await PreviewAsync(client, id, beyond.Build());
        Assert.Contains(Problems(refused), p => p.StartsWith($"{WorkbookFormat.IndicatorsSheet}!{WorkbookFormat.CellReference(row, WorkbookFormat.Indicators.Value)}", StringComparison.Ordinal));
        Assert.Empty(refused.QuerySelectorAll("#import-confirm"));
    }

    [Fact]
    public async Task A_zip_that_lies_about_its_sizes_is_refused_with_a_clear_message_never_expanded_past_them()
    {
        var id = await DraftAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        // A small entry with an honest ratio, then its declared size lowered in both headers: nothing reads past the
        // declared size (the gate counts what it expands; .NET's zip reader also stops there), and the file is refused.
        var bytes = Zip(("xl/worksheets/sheet1.xml", 4096));
        var lied = LowerDeclaredSize(bytes, 4096, 100);
        using var response = await UploadAsync(client, id, lied);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.ReadDocumentAsync()).QuerySelector("[data-import-error]")!.Text();
        Assert.True(message.Contains("khi giải nén lớn hơn", StringComparison.Ordinal) || message.Contains("không đọc được", StringComparison.OrdinalIgnoreCase) || message.Contains("không phải là bảng tính Excel", StringComparison.Ordinal), message);
    }

    /// <summary>Rewrites every "uncompressed size" field that says <paramref name="from"/> to <paramref name="to"/> (local header and central directory).</summary>
    private static byte[] LowerDeclaredSize(byte[] zip, int from, int to)
    {
        var copy = (byte[])zip.Clone();
        var changed = 0;
        for (var i = 0; i + 4 <= copy.Length; i++)
        {
            var signature = BitConverter.ToUInt32(copy, i);
            var offset = signature == 0x04034b50 ? 22 : signature == 0x02014b50 ? 24 : -1;
            if (offset > 0 && i + offset + 4 <= copy.Length && BitConverter.ToInt32(copy, i + offset) == from)
            {
                BitConverter.GetBytes(to).CopyTo(copy, i + offset);
                changed++;
            }
        }

        Assert.Equal(2, changed);
        return copy;
    }

    [Fact]
    public async Task Each_problem_is_named_with_its_sheet_and_cell_and_nothing_can_be_confirmed()
    {
        var id = await DraftAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var facts = await FactsAsync(client, id);
        var (first, indicators) = facts.Lines.First(l => l.Indicators.Count > 0);
        var other = facts.Lines.First(l => l.ActivityId != first);
        var foreignIndicator = other.Indicators.FirstOrDefault(i => !indicators.Contains(i)) is var f && f != 0 ? f : 999_999;
        var missing = facts.Lines[^1].ActivityId;
        var book = (await WorkbookOfAsync(facts));
        var rowOf = facts.Lines.Select((l, i) => (l.ActivityId, Row: WorkbookFormat.FirstDataRow + i)).ToDictionary(x => x.ActivityId, x => x.Row);
        var r = rowOf[first];
        book.Line(r, first, new SharedText("Gần xong"), new Formula("CONCATENATE(\"a\",\"b\")", "ab"), new SharedText(new string('x', 1001)));
        book.Set(WorkbookFormat.LinesSheet, rowOf[missing], 1, null).Line(rowOf[missing], 999_999, new SharedText("Đúng tiến độ"));
        var valueRows = facts.Lines.SelectMany(l => l.Indicators.Select(i => (l.ActivityId, Indicator: i)))
            .Select((x, i) => (x, Row: WorkbookFormat.FirstDataRow + i)).ToDictionary(p => p.x, p => p.Row);
        var wordRow = valueRows[(first, indicators[0])];
        var fractionRow = valueRows[(first, indicators[^1])];
        var foreignRow = WorkbookFormat.FirstDataRow + valueRows.Count + 3;
        book.Value(wordRow, first, indicators[0], new SharedText("nhiều"));
        book.Value(foreignRow, first, foreignIndicator, new Number(3));
        if (indicators.Count > 1)
        {
            book.Value(fractionRow, first, indicators[^1], new Number(1.5));
        }

        var preview = await PreviewAsync(client, id, book.Build());

        var problems = Problems(preview);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", problems));
        string Cell(int row, int column) => WorkbookFormat.CellReference(row, column);
        Assert.Contains(problems, p => p.StartsWith($"Báo cáo!{Cell(r, 4)}: tình trạng “Gần xong” không có trong danh sách", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"Báo cáo!{Cell(r, 5)}: ô có công thức", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"Báo cáo!{Cell(r, 6)}: “Lý do chưa có kết quả” dài 1.001 ký tự, tối đa 1.000", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"Báo cáo!{Cell(rowOf[missing], 1)}: dòng có mã “999999” không phải là một dòng của báo cáo này", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Báo cáo: thiếu dòng của hoạt động", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"Chỉ số!{Cell(wordRow, 7)}: “nhiều” không phải là số", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"Chỉ số!{Cell(foreignRow, 2)}: chỉ số có mã “{foreignIndicator}” không phải là chỉ số của hoạt động", StringComparison.Ordinal));
        if (indicators.Count > 1)
        {
            Assert.Contains(problems, p => p.StartsWith($"Chỉ số!{Cell(fractionRow, 7)}: “1.5” không phải là số nguyên từ 0 đến", StringComparison.Ordinal));
        }

        Assert.Null(preview.QuerySelector("#import-confirm"));
        Assert.Equal(facts.Version, (await StoredAsync(id)).Version);
    }

    [Fact]
    public async Task A_workbook_that_is_not_our_template_or_of_another_report_or_quarter_is_refused_without_showing_its_content()
    {
        var id = await DraftAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var facts = await FactsAsync(client, id);
        var caoBang = await factory.ReportAsync(Persona.ProvincialCaoBangCema, new Quarter(2024, 2), ReportState.Draft);
        var secret = "Nội dung riêng của Cao Bằng";

        var notOurs = await PreviewAsync(client, id, (await WorkbookOfAsync(facts)).WithoutSheet(WorkbookFormat.PortalSheet).Build());
        var otherReport = (await WorkbookOfAsync(facts));
        otherReport.Portal(caoBang, 1, 20242, "04").Line(WorkbookFormat.FirstDataRow, facts.Lines[0].ActivityId, null, new SharedText(secret));
        var another = await PreviewAsync(client, id, otherReport.Build());
        var otherQuarter = await PreviewAsync(client, id, (await WorkbookOfAsync(facts)).Portal(id, facts.Version, 20244).Build());

        Assert.Contains("không phải mẫu báo cáo của cổng", Assert.Single(Problems(notOurs)), StringComparison.Ordinal);
        var refused = Assert.Single(Problems(another));
        TestContext.Current.TestOutputHelper?.WriteLine(refused);
        Assert.Contains("tệp này là của một báo cáo khác (Quý II/2024, Cao Bằng)", refused, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, another.Body!.Text(), StringComparison.Ordinal);
        Assert.Empty(another.QuerySelectorAll("[data-import-line]"));
        Assert.Contains("tệp là của Quý IV/2024, còn báo cáo này là của Quý III/2024", Assert.Single(Problems(otherQuarter)), StringComparison.Ordinal);
        Assert.All(new[] { notOurs, another, otherQuarter }, p => Assert.Null(p.QuerySelector("#import-confirm")));
    }

    [Fact]
    public async Task A_file_made_before_a_later_save_warns_and_its_confirmation_is_the_conflict_comparison()
    {
        var id = await DraftAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var facts = await FactsAsync(client, id);
        var book = (await WorkbookOfAsync(facts));
        book.Line(WorkbookFormat.FirstDataRow, facts.Lines[0].ActivityId, new SharedText("Đúng tiến độ"), new SharedText("Bản trong tệp cũ."));
        var stale = book.Build();

        // A colleague saves on the form after the file was downloaded.
        var edit = await client.GetDocumentAsync($"/reports/{id}/edit");
        var fields = FormFields.Of(edit, "#report-form").With(($"Lines[{facts.Lines[0].ActivityId}].Results", "Bản của đồng nghiệp."), ("Intent", "save"));
        using (var colleague = await client.PostFormAsync($"/reports/{id}/edit", edit, fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, colleague.StatusCode);
        }

        var preview = await PreviewAsync(client, id, stale);
        var warning = Assert.Single(Problems(preview));
        Assert.StartsWith($"_portal: tệp được tạo từ phiên bản {facts.Version} của bản nháp, bản nháp nay là phiên bản {facts.Version + 1}", warning, StringComparison.Ordinal);
        Assert.Equal("Bản của đồng nghiệp.", preview.QuerySelector("[data-import-line][data-changed=true] tr[data-field='Kết quả thực hiện'] [data-before]")!.Text());

        using var confirmed = await ConfirmAsync(client, id, preview);

        Assert.Equal(HttpStatusCode.Conflict, confirmed.StatusCode);
        var conflict = await confirmed.ReadDocumentAsync();
        Assert.NotNull(conflict.QuerySelector("#conflict-heading"));
        Assert.Contains("Bản trong tệp cũ.", conflict.QuerySelector(".conflict-table")!.Text(), StringComparison.Ordinal);
        Assert.Contains((await StoredAsync(id)).Lines, l => l.Results == "Bản của đồng nghiệp.");
    }

    [Fact]
    public async Task Hostile_or_malformed_files_are_refused_quickly_with_a_clear_message()
    {
        var id = await DraftAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var facts = await FactsAsync(client, id);
        var version = facts.Version;

        async Task<string> RefusalAsync(byte[] bytes)
        {
            using var response = await UploadAsync(client, id, bytes);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.ReadDocumentAsync()).QuerySelector("[data-import-error]")!.Text();
        }

        Assert.Contains("không phải là bảng tính Excel", await RefusalAsync("%PDF-1.4 không phải bảng tính"u8.ToArray()), StringComparison.Ordinal);
        Assert.Contains("không đọc được", (await RefusalAsync([.. "PK\u0003\u0004"u8, .. new byte[100]])).ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Contains("nén bất thường", await RefusalAsync(Zip(("xl/worksheets/sheet1.xml", 15 * 1024 * 1024))), StringComparison.Ordinal);
        Assert.Contains("khi giải nén lớn hơn 20 MB", await RefusalAsync(Zip(("xl/worksheets/sheet1.xml", 15 * 1024 * 1024), ("xl/worksheets/sheet2.xml", 15 * 1024 * 1024))), StringComparison.Ordinal);
        Assert.Contains("quá nhiều phần", await RefusalAsync(Zip(Enumerable.Range(0, 65).Select(i => ($"xl/part{i}.xml", 10)).ToArray())), StringComparison.Ordinal);
        Assert.Contains("macro", await RefusalAsync((await WorkbookOfAsync(facts)).AsMacroEnabled().Build()), StringComparison.Ordinal);
        Assert.Equal(version, (await StoredAsync(id)).Version);
    }

    [Fact]
    public async Task A_workbook_of_ten_thousand_rows_is_stopped_at_the_limit_in_under_two_seconds()
    {
        var id = await DraftAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var facts = await FactsAsync(client, id);
        var book = (await WorkbookOfAsync(facts));
        for (var row = 100; row < 10_100; row++)
        {
            book.Set(WorkbookFormat.LinesSheet, row, 1, new Number(1_000_000 + row)).Set(WorkbookFormat.LinesSheet, row, 5, new InlineText("dòng thừa"));
        }

        var bytes = book.Build();
        var clock = Stopwatch.StartNew();
        var preview = await PreviewAsync(client, id, bytes);
        clock.Stop();

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        var problems = Problems(preview);
        Assert.StartsWith("Báo cáo: tệp có hơn 1.000 dòng", problems[0], StringComparison.Ordinal); // the reason for the rest comes first
        // ~900 stray rows each have a problem: the page lists 50 and says how many more, not a wall of the same line.
        Assert.Equal(ImportPreview.MostProblemsShown, problems.Count);
        var more = preview.QuerySelector("[data-problems-more]")!.Text();
        var total = int.Parse(preview.QuerySelector("[data-import-problems]")!.GetAttribute("data-import-problems")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains((total - ImportPreview.MostProblemsShown).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")), more, StringComparison.Ordinal);
        Assert.Null(preview.QuerySelector("#import-confirm"));
    }

    [Fact]
    public async Task A_request_over_the_limit_gets_the_400_page_naming_the_limit()
    {
        var id = await DraftAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        using var response = await UploadAsync(client, id, new byte[(3 * 1024 * 1024) + 1]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lớn hơn 2 MB", (await response.ReadDocumentAsync()).Body!.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReportState.Submitted, 1, "chỉ xem được")]
    [InlineData(ReportState.Approved, 2, "chỉ xem được")]
    [InlineData(ReportState.Draft, 1, "đã khóa")] // a draft of a quarter that has locked
    public async Task A_report_that_may_not_be_written_refuses_the_upload_with_its_reason_before_reading_the_file(ReportState state, int quarter, string reason)
    {
        var officer = state == ReportState.Draft ? Persona.ProvincialCaoBangCema : Persona.ProvincialHaGiangVwu; // one report per branch and quarter
        var id = await factory.ReportAsync(officer, new Quarter(2024, quarter), state);
        var client = await factory.SignedInClientAsync(officer);

        using var page = await client.GetAsync(new Uri($"/reports/{id}/import", UriKind.Relative), TestContext.Current.CancellationToken);
        using var upload = await UploadAsync(client, id, "không phải tệp Excel"u8.ToArray());

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode); // not the 400 a bad file gets: the file was never looked at
        var report = await client.GetDocumentAsync(upload.Headers.Location!.OriginalString);
        Assert.Contains(reason, report.QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_provinces_officer_cannot_upload_to_the_report()
    {
        var id = await DraftAsync();
        var other = await factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);
        var version = (await StoredAsync(id)).Version;

        using var upload = await UploadAsync(other, id, new TestWorkbook().Portal(id, version, Q3.Key).Build());

        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
    }

    /// <summary>A zip of entries of zeros of the given sizes: a bomb's ratio in a file of a few kilobytes.</summary>
    private static byte[] Zip(params (string Name, int Size)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, size) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(new byte[size]);
            }
        }

        return memory.ToArray();
    }
}
