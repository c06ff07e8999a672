using System.Net;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>The administrator's calendar, exceptions and indicator catalogue, through their pages.</summary>
public sealed class AdminReportingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_default_calendar_is_shown_and_an_administrator_changes_a_due_date()
    {
        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var page = await admin.GetDocumentAsync("/admin/calendar");
        var q3 = new Quarter(2024, 3).Key;
        Assert.Equal("20/09/2024", page.QuerySelector($"input[name='Periods[{q3}].DueOn']")!.GetAttribute("value"));
        Assert.Equal("15/06/2024", page.QuerySelector($"input[name='Periods[{q3}].DataFrom']")!.GetAttribute("value"));

        var fields = page.QuerySelectorAll("form[action^='/admin/calendar/'] input[name^='Periods[']")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        fields[$"Periods[{q3}].DueOn"] = "25/09/2024";
        fields[$"Periods[{q3}].LockAfterDays"] = "30";
        var action = page.QuerySelector("form[action^='/admin/calendar/'] input[name^='Periods[']")!.Closest("form")!.GetAttribute("action")!;
        using var saved = await admin.PostFormAsync(action, page, fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var period = await factory.WithDbAsync(db => db.ReportingPeriods.AsNoTracking().SingleAsync(p => p.Quarter == new Quarter(2024, 3), TestContext.Current.CancellationToken));
        Assert.Equal((new DateOnly(2024, 9, 25), 30), (period.DueOn, period.LockAfterDays));
    }

    [Fact]
    public async Task A_calendar_with_a_due_date_before_the_data_period_ends_is_refused_and_keeps_the_typing()
    {
        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var page = await admin.GetDocumentAsync("/admin/calendar");
        var q4 = new Quarter(2024, 4).Key;
        var fields = page.QuerySelectorAll("input[name^='Periods[']").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        fields[$"Periods[{q4}].DueOn"] = "01/12/2024";
        fields[$"Periods[{q4}].DataTo"] = "14/12/2024";
        var action = page.QuerySelector("input[name^='Periods[']")!.Closest("form")!.GetAttribute("action")!;

        using var response = await admin.PostFormAsync(action, page, fields);

        var shown = await response.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Quý IV/2024", shown.QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
        Assert.Equal("01/12/2024", shown.QuerySelector($"input[name='Periods[{q4}].DueOn']")!.GetAttribute("value"));
        var period = await factory.WithDbAsync(db => db.ReportingPeriods.AsNoTracking().SingleAsync(p => p.Quarter == new Quarter(2024, 4), TestContext.Current.CancellationToken));
        Assert.Equal(new DateOnly(2024, 12, 20), period.DueOn);
    }

    [Fact]
    public async Task An_administrator_grants_a_branch_an_exception_and_that_branch_can_start_a_locked_quarter()
    {
        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var page = await admin.GetDocumentAsync("/admin/calendar");
        var province = await factory.ProvinceIdAsync("04");
        var agency = await factory.AgencyIdAsync("CEMA");
        var q1 = new Quarter(2024, 1);
        var grant = page.QuerySelector("form[action$='/exemptions']")!.GetAttribute("action")!;
        var until = Display.Date(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(30));

        using var granted = await admin.PostFormAsync(grant, page, new()
        {
            ["Quarter"] = q1.Key.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ProvinceId"] = province.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AgencyId"] = agency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Until"] = until,
            ["Reason"] = "Thiên tai làm gián đoạn",
        });
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);

        // 2024 is long locked on today's clock, but Cao Bằng's CEMA branch may start Q1 now.
        var caoBang = await factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);
        var mine = await caoBang.GetDocumentAsync("/reports/mine");
        var row = mine.QuerySelector($"tr[data-quarter='{q1}']")!;
        Assert.Contains(until, row.Text(), StringComparison.Ordinal);
        using var started = await caoBang.PostFormAsync("/reports/start", mine, new()
        {
            ["PlanId"] = row.QuerySelector("input[name=PlanId]")!.GetAttribute("value")!,
            ["Quarter"] = q1.Key.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.EndsWith("/edit", started.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var haGiang = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var theirs = await haGiang.GetDocumentAsync("/reports/mine");
        Assert.Null(theirs.QuerySelector($"tr[data-quarter='{q1}'] form[action='/reports/start']"));
    }

    [Fact]
    public async Task Renaming_or_retiring_an_indicator_keeps_the_values_already_reported()
    {
        var reportId = await factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, 2), ReportState.Approved);
        var indicatorId = await factory.WithDbAsync(async db =>
        {
            var report = await db.QuarterlyReports.SingleAsync(r => r.Id == reportId, TestContext.Current.CancellationToken);
            var line = report.Lines.OrderBy(l => l.Id).First();
            var indicator = await db.Indicators.Where(i => i.ActivityId == line.ActivityId).OrderBy(i => i.SortOrder).FirstAsync(TestContext.Current.CancellationToken);
            return indicator.Id;
        });
        await factory.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO ReportLineValues (ReportLineId, IndicatorId, Value) SELECT Id, {indicatorId}, 42 FROM ReportLines WHERE ReportId = {reportId} ORDER BY Id LIMIT 1",
            TestContext.Current.CancellationToken));
        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var activityOfIndicator = await factory.WithDbAsync(db => db.Indicators.Where(i => i.Id == indicatorId).Select(i => i.ActivityId).SingleAsync(TestContext.Current.CancellationToken));
        var page = await admin.GetDocumentAsync($"/admin/indicators/activities/{activityOfIndicator}");
        var version = page.QuerySelector($"form[action='/admin/indicators/{indicatorId}'] input[name=Version]")!.GetAttribute("value")!;

        using (var renamed = await admin.PostFormAsync($"/admin/indicators/{indicatorId}", page, new() { ["Name"] = "Số buổi truyền thông (tên mới)", ["Version"] = version }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, renamed.StatusCode);
        }

        using (await admin.PostFormAsync($"/admin/indicators/{indicatorId}/retire", page, []))
        {
        }

        var indicator = await factory.WithDbAsync(db => db.Indicators.AsNoTracking().SingleAsync(i => i.Id == indicatorId, TestContext.Current.CancellationToken));
        Assert.True(indicator.IsRetired);
        var report = await admin.GetDocumentAsync($"/reports/{reportId}");
        Assert.Contains("Số buổi truyền thông (tên mới): 42", report.QuerySelector(".value-list")!.Text(), StringComparison.Ordinal);

        // A new entry's form no longer offers it.
        var central = await factory.SignedInClientAsync(Persona.CentralVwu);
        var activityId = await factory.WithDbAsync(db => db.Indicators.Where(i => i.Id == indicatorId).Select(i => i.ActivityId).SingleAsync(TestContext.Current.CancellationToken));
        var form = await central.GetDocumentAsync($"/activities/{activityId}/progress/new");
        Assert.Null(form.QuerySelector($"input[name='Values[{indicatorId}]']"));
    }

    [Fact]
    public async Task An_administrator_adds_an_indicator_that_the_forms_then_offer()
    {
        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var page = await admin.GetDocumentAsync("/admin/indicators");
        var activityId = await factory.ActivityIdAsync(5);

        using (await admin.PostFormAsync("/admin/indicators", page, new()
        {
            ["ActivityId"] = activityId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Name"] = "Số kiến nghị được cơ quan soạn thảo tiếp thu",
            ["Unit"] = nameof(IndicatorUnit.Count),
        }))
        {
        }

        var central = await factory.SignedInClientAsync(Persona.CentralCema);
        var form = await central.GetDocumentAsync($"/activities/{activityId}/progress/new");
        Assert.Contains(form.QuerySelectorAll("label"), l => l.Text().Contains("Số kiến nghị được cơ quan soạn thảo tiếp thu", StringComparison.Ordinal));
    }
}
