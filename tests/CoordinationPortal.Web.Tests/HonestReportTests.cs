using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// A report says, for every activity, what was done or why nothing was: a report of statuses alone
/// is refused line by line, while a draft may be saved half-written. A new quarter may start from
/// the branch's previous report: its text carried over and marked for review, its numbers empty.
/// </summary>
public sealed class HonestReportTests : IAsyncDisposable
{
    private static readonly Quarter Q1 = new(2024, 1);
    private static readonly Quarter Q2 = new(2024, 2);
    private const string NeedsResults = "Ghi kết quả thực hiện hoặc lý do chưa có kết quả trước khi gửi.";
    private const string CarriedOver = "Cần xem lại: kết quả và khó khăn được chép từ báo cáo quý trước, chưa sửa.";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 12, 1, 0, 0, TimeSpan.Zero));
    private readonly PortalFactory _factory = new();

    public HonestReportTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private Task<QuarterlyReport> ReportAsync(int id) =>
        _factory.WithDbAsync(db => db.QuarterlyReports.AsNoTracking().SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken));

    /// <summary>Presses one of the Q2 row's start buttons on "my reports" (the one matching <paramref name="button"/>) and returns the new report's id.</summary>
    private static async Task<int> StartQ2Async(HttpClient client, string button)
    {
        var mine = await client.GetDocumentAsync("/reports/mine");
        var form = mine.QuerySelector($"tr[data-quarter='{Q2}'] form[action='/reports/start']")!;
        var fields = new Dictionary<string, string>
        {
            ["PlanId"] = form.QuerySelector("input[name=PlanId]")!.GetAttribute("value")!,
            ["Quarter"] = form.QuerySelector("input[name=Quarter]")!.GetAttribute("value")!,
        };
        var pressed = form.QuerySelector(button)!;
        if (pressed.GetAttribute("name") is { } name)
        {
            fields[name] = pressed.GetAttribute("value")!;
        }

        using var started = await client.PostFormAsync("/reports/start", mine, fields);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return int.Parse(started.Headers.Location!.OriginalString.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The edit form's fields as the browser posts them, every status set, and each textarea as typed by <paramref name="type"/>.</summary>
    private static Dictionary<string, string> Fields(IDocument edit, string intent, Func<string, string?> type)
    {
        var fields = FormFields.Of(edit, "#report-form");
        fields["Intent"] = intent;
        if (intent == "submit")
        {
            fields["Confirmed"] = "true";
        }

        foreach (var select in edit.QuerySelectorAll("#report-form select[name$='.Status']"))
        {
            fields[select.GetAttribute("name")!] = nameof(ActivityStatus.OnTrack);
        }

        foreach (var textarea in edit.QuerySelectorAll("#report-form textarea"))
        {
            if (type(textarea.GetAttribute("name")!) is { } text)
            {
                fields[textarea.GetAttribute("name")!] = text;
            }
        }

        return fields;
    }

    [Fact]
    public async Task A_report_of_statuses_alone_is_refused_line_by_line_beside_the_results_and_stays_a_draft_with_what_was_typed()
    {
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var id = await StartQ2Async(province, "button[type=submit]");
        var edit = await province.GetDocumentAsync($"/reports/{id}/edit");
        var activityIds = edit.QuerySelectorAll("#report-form select[name$='.Status']").Select(s => s.GetAttribute("name")!.Split('[', ']')[1]).ToList();
        var answered = activityIds[0];

        // Every status chosen, one line with its results, the others with only difficulties.
        var fields = Fields(edit, "submit", name =>
            name == $"Lines[{answered}].Results" ? "Tổ chức 2 buổi truyền thông"
            : name.EndsWith(".Difficulties", StringComparison.Ordinal) ? "Mưa lũ chia cắt đường vào xã" : null);
        using var response = await province.PostFormAsync($"/reports/{id}/edit", edit, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        foreach (var activityId in activityIds.Skip(1))
        {
            var error = page.QuerySelector($"[data-valmsg-for='Lines[{activityId}].Results']")!;
            Assert.Equal(NeedsResults, error.Text());
            Assert.Same(page.QuerySelector($"#line-{activityId}-results")!.ParentElement, error.ParentElement); // beside its field
            Assert.Equal("Mưa lũ chia cắt đường vào xã", page.QuerySelector($"textarea[name='Lines[{activityId}].Difficulties']")!.TextContent);
        }

        Assert.Equal(string.Empty, page.QuerySelector($"[data-valmsg-for='Lines[{answered}].Results']")!.Text());
        Assert.Contains("chưa ghi kết quả", page.QuerySelector("#report-form .alert-danger")!.Text(), StringComparison.Ordinal);
        var stored = await ReportAsync(id);
        Assert.Equal(ReportState.Draft, stored.State);
        Assert.Empty(stored.Transitions);
        Assert.Null(stored.FirstSubmittedAtUtc);
    }

    [Fact]
    public async Task A_report_is_submitted_when_each_line_gives_its_results_or_a_reason_there_are_none_and_the_reason_is_shown()
    {
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var id = await StartQ2Async(province, "button[type=submit]");
        var edit = await province.GetDocumentAsync($"/reports/{id}/edit");
        var first = edit.QuerySelector("#report-form select[name$='.Status']")!.GetAttribute("name")!.Split('[', ']')[1];

        var fields = Fields(edit, "submit", name =>
            name == $"Lines[{first}].Results" ? "Tổ chức 2 buổi truyền thông"
            : name.EndsWith(".NoResultsReason", StringComparison.Ordinal) && name != $"Lines[{first}].NoResultsReason" ? "Hoạt động dự kiến triển khai vào quý III" : null);
        using var response = await province.PostFormAsync($"/reports/{id}/edit", edit, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ReportState.Submitted, (await ReportAsync(id)).State);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var shown = await central.GetDocumentAsync($"/reports/{id}");
        var reasons = shown.QuerySelectorAll("[data-no-results-reason]").Select(r => r.Text()).ToList();
        Assert.Equal(edit.QuerySelectorAll("#report-form select[name$='.Status']").Length - 1, reasons.Count);
        Assert.All(reasons, r => Assert.Equal("Hoạt động dự kiến triển khai vào quý III", r));
    }

    [Fact]
    public async Task A_draft_with_empty_lines_is_still_saved()
    {
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var id = await StartQ2Async(province, "button[type=submit]");
        var edit = await province.GetDocumentAsync($"/reports/{id}/edit");
        var fields = FormFields.Of(edit, "#report-form");
        fields["Intent"] = "save";
        var firstDifficulties = edit.QuerySelector("#report-form textarea[name$='.Difficulties']")!.GetAttribute("name")!;
        fields[firstDifficulties] = "Chưa bố trí được kinh phí";

        using var response = await province.PostFormAsync($"/reports/{id}/edit", edit, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await ReportAsync(id);
        Assert.Equal(ReportState.Draft, stored.State);
        Assert.Contains(stored.Lines, l => l.Difficulties == "Chưa bố trí được kinh phí");
        Assert.All(stored.Lines, l => Assert.Null(l.Results));
    }

    [Fact]
    public async Task A_new_quarter_started_from_the_last_report_carries_its_text_marked_for_review_with_statuses_and_numbers_empty()
    {
        var (q1, activity1, _) = await Q1ReportAsync(Persona.ProvincialHaGiangVwu);
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        var mine = await province.GetDocumentAsync("/reports/mine");
        Assert.Equal($"{q1}", mine.QuerySelector($"tr[data-quarter='{Q2}'] [data-start-from]")!.GetAttribute("value"));
        Assert.Equal("Bắt đầu từ báo cáo quý trước (Quý I/2024)", mine.QuerySelector($"tr[data-quarter='{Q2}'] [data-start-from]")!.Text());
        var id = await StartQ2Async(province, "[data-start-from]");

        var edit = await province.GetDocumentAsync($"/reports/{id}/edit");
        var carried = edit.QuerySelector($"#line-{activity1}-results")!.Closest("fieldset")!;
        Assert.Equal("Hội nghị tập huấn cho 120 hội viên", carried.QuerySelector($"#line-{activity1}-results")!.TextContent);
        Assert.Equal("Địa bàn rộng, đi lại khó khăn", carried.QuerySelector($"#line-{activity1}-difficulties")!.TextContent);
        Assert.Equal(CarriedOver, carried.QuerySelector("[data-carried-over]")!.Text());
        Assert.Equal(string.Empty, carried.QuerySelector($"#line-{activity1}-proposals")!.TextContent);
        Assert.Null(carried.QuerySelector("select option[selected]:not([value=''])"));
        Assert.All(carried.QuerySelectorAll("input.numeric"), input => Assert.Equal(string.Empty, input.GetAttribute("value") ?? string.Empty));
        var stored = await ReportAsync(id);
        Assert.All(stored.Lines, l => Assert.Empty(l.Values));
        Assert.All(stored.Lines, l => Assert.Null(l.Status));
        // Lines with nothing to carry (Q1 gave only a reason, or had no such line) start blank, without a mark.
        Assert.Single(edit.QuerySelectorAll("#report-form [data-carried-over]"));
        Assert.All(stored.Lines.Where(l => l.ActivityId != activity1), l => Assert.True(l.Results is null && l.NoResultsReason is null && !l.CarriedOver));

        // Edited, the line is no longer marked; the reviewer sees the mark only where the text was kept.
        var fields = FormFields.Of(edit, "#report-form");
        fields["Intent"] = "save";
        fields[$"Lines[{activity1}].Results"] = "Hội nghị tập huấn cho 150 hội viên";
        using (var saved = await province.PostFormAsync($"/reports/{id}/edit", edit, fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var again = await province.GetDocumentAsync($"/reports/{id}/edit");
        Assert.Null(again.QuerySelector($"#line-{activity1}-results")!.Closest("fieldset")!.QuerySelector("[data-carried-over]"));
    }

    [Fact]
    public async Task A_report_cannot_start_from_another_provinces_report_and_nothing_is_created()
    {
        var (caoBangQ1, _, _) = await Q1ReportAsync(Persona.ProvincialCaoBangCema);
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var mine = await province.GetDocumentAsync("/reports/mine");
        Assert.Null(mine.QuerySelector($"tr[data-quarter='{Q2}'] [data-start-from]")); // nothing of its own to start from: blank only
        var form = mine.QuerySelector($"tr[data-quarter='{Q2}'] form[action='/reports/start']")!;

        using var response = await province.PostFormAsync("/reports/start", mine, new()
        {
            ["PlanId"] = form.QuerySelector("input[name=PlanId]")!.GetAttribute("value")!,
            ["Quarter"] = form.QuerySelector("input[name=Quarter]")!.GetAttribute("value")!,
            ["FromReportId"] = $"{caoBangQ1}",
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.QuarterlyReports.CountAsync()));
    }

    [Fact]
    public async Task A_blank_start_leaves_every_line_empty_even_when_a_last_report_exists()
    {
        await Q1ReportAsync(Persona.ProvincialHaGiangVwu);
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        var id = await StartQ2Async(province, "[data-start-blank]");

        var stored = await ReportAsync(id);
        Assert.All(stored.Lines, l => Assert.True(l.Results is null && l.Difficulties is null && !l.CarriedOver));
        var edit = await province.GetDocumentAsync($"/reports/{id}/edit");
        Assert.Null(edit.QuerySelector("[data-carried-over]"));
    }

    /// <summary>The branch's approved Q1 report: activity 1 with results, difficulties, a proposal and a number.</summary>
    private async Task<(int ReportId, int Activity1, int IndicatorId)> Q1ReportAsync(Persona owner)
    {
        var account = await _factory.AccountAsync(owner);
        return await _factory.WithDbAsync(async db =>
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == account.Id);
            var plan = await db.Plans.Include(p => p.Activities).SingleAsync(p => p.Number == Scenario.Plan468);
            var activity1 = plan.Activities.Single(a => a.Number == 1).Id;
            var indicator = await db.Indicators.Where(i => i.ActivityId == activity1).OrderBy(i => i.SortOrder).Select(i => i.Id).FirstAsync();
            var at = new DateTime(2024, 3, 10, 2, 0, 0, DateTimeKind.Utc);
            var report = QuarterlyReport.Start(plan, Q1, user.ProvinceId!.Value, user.AgencyId!.Value, user.Id, at);
            report.Write(
                report.Lines.ToDictionary(l => l.ActivityId, l => l.ActivityId == activity1
                    ? new LineContent(ActivityStatus.OnTrack, "Hội nghị tập huấn cho 120 hội viên", "Địa bàn rộng, đi lại khó khăn", "Tăng kinh phí", [new IndicatorValue(indicator, 120)])
                    : new LineContent(ActivityStatus.NotStarted, null, null, null, [], "Triển khai từ quý II")),
                user.FullName,
                at);
            report.Submit(user.Id, user.FullName, at);
            report.Approve("reviewer", "Người duyệt", at.AddDays(1));
            db.QuarterlyReports.Add(report);
            await db.SaveChangesAsync();
            return (report.Id, activity1, indicator);
        });
    }
}
