using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Access;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// This year's plan from start to first report, as the people who do it click through it: a central
/// officer copies the last published plan into this year (opening the programme that covers it),
/// widens an activity's window, changes who leads it and sets a target; an administrator publishes;
/// a provincial officer of a unit of today starts the open quarter's report and finds the widened
/// activity on it. Every page through axe, no sideways scroll, screenshots at 1366 and 390 px.
/// </summary>
public sealed partial class YearlyPlanJourneyInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    [GeneratedRegex(@"/plans/(\d+)$")]
    private static partial Regex PlanUrl();

    [Fact]
    public async Task A_plan_for_this_year_is_copied_edited_given_a_target_published_and_reported_on_by_a_province()
    {
        // The portal's "today" is the machine's: the open quarter is this quarter of this year.
        var today = DateTime.UtcNow.AddHours(7);
        var year = today.Year;
        var quarter = (today.Month + 2) / 3;
        var roman = new[] { "I", "II", "III", "IV" }[quarter - 1];

        var page = await server.NewPageAsync(1366, 900);
        var password = await server.CreateAccountAsync("hanh.tran@journey.test", PortalRole.CentralOfficer, agencyCode: "VWU", fullName: "Trần Thị Hạnh");
        await PortalServer.SignInAsync(page, "hanh.tran@journey.test", password);

        // "Kế hoạch mới" proposes a copy of the latest published plan; this year needs its programme first.
        await page.GotoAsync("/plans");
        await page.Locator("[data-new-plan]").ClickAndWaitForNextPageAsync();
        await page.GetByLabel("Năm kế hoạch", new() { Exact = true }).FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Chọn", Exact = true }).ClickAndWaitForNextPageAsync();
        await CheckAsync(page, "journey-new-plan-no-programme-1366");
        await page.Locator("[data-no-programme] a").ClickAndWaitForNextPageAsync();
        await page.GetByLabel("Số chương trình", new() { Exact = true }).FillAsync("08/CTPH-UBDT-HLHPN");
        await page.GetByLabel("Ngày ký", new() { Exact = true }).FillAsync($"05/01/{year}");
        await page.GetByLabel("Từ năm", new() { Exact = true }).FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Đến năm", new() { Exact = true }).FillAsync((year + 4).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Tên chương trình", new() { Exact = true }).FillAsync($"Chương trình phối hợp công tác giai đoạn {year}–{year + 4}");
        await CheckAsync(page, "journey-programme-1366");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tạo chương trình" }).ClickAndWaitForNextPageAsync();

        // Back on the new plan, with the programme chosen and the copy's years to check.
        Assert.Contains("/plans/new", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Số kế hoạch", new() { Exact = true }).FillAsync($"12/KH-HLHPNVN-BDTTG-{year}");
        await page.GetByLabel("Ngày ban hành", new() { Exact = true }).FillAsync($"15/01/{year}");
        await CheckAsync(page, "journey-new-plan-1366");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sao chép thành dự thảo năm {year}" }).ClickAndWaitForNextPageAsync();
        var planId = PlanUrl().Match(page.Url).Groups[1].Value;
        Assert.NotEmpty(planId);
        Assert.Contains($"Đã tạo dự thảo kế hoạch năm {year}", await page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);

        // Activity 6 ran in Q2-Q3; this year it runs to Q4 and the Committee leads it. On a phone.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"/plans/{planId}/edit/activities");
        await CheckAsync(page, "journey-activities-390");
        var sixth = await page.Locator("tr[data-activity-number='6']").GetAttributeAsync("data-activity-id");
        await page.GotoAsync($"/activities/{sixth}/edit");
        await page.GetByLabel("Đến quý", new() { Exact = true }).SelectOptionAsync($"{year}4");
        var committeeLeads = page.Locator("input[name='Roles']").Nth(1);
        var committeeLabel = await page.Locator($"label[for='{await committeeLeads.GetAttributeAsync("id")}']").InnerTextAsync();
        Assert.StartsWith("Bộ Dân tộc và Tôn giáo chủ trì", committeeLabel, StringComparison.Ordinal); // the agency's name in the plan's year
        await committeeLeads.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAndWaitForNextPageAsync();
        Assert.Equal("Đã lưu hoạt động.", (await page.Locator(".alert-success").InnerTextAsync()).Trim());
        await CheckAsync(page, "journey-activity-6-saved-390");

        // A national target for activity 1's first indicator, on the desktop.
        await page.SetViewportSizeAsync(1366, 900);
        await page.GotoAsync($"/admin/indicators?planId={planId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sửa chỉ tiêu và mục tiêu của hoạt động 1" }).ClickAndWaitForNextPageAsync();
        var firstIndicator = page.Locator("section[data-indicator-code]").First;
        await firstIndicator.GetByLabel($"Mục tiêu năm {year} (toàn quốc)").FillAsync("25.000");
        await firstIndicator.GetByRole(AriaRole.Button, new() { Name = "Lưu chỉ tiêu" }).ClickAndWaitForNextPageAsync();
        Assert.Contains("Đã lưu chỉ tiêu", await page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "journey-target-1366");

        // Before publishing, a province has nothing to report this year.
        var province = await server.NewPageAsync(390, 844);
        var provincePassword = await server.CreateAccountAsync("tuyenquang@journey.test", PortalRole.ProvincialOfficer, agencyCode: "VWU", provinceCode: "08", fullName: "Hoàng Thị Dung", today: true);
        await PortalServer.SignInAsync(province, "tuyenquang@journey.test", provincePassword);
        await province.GotoAsync("/reports/mine");
        Assert.Equal(0, await province.GetByRole(AriaRole.Button, new() { Name = $"Lập báo cáo Quý {roman}/{year}" }).CountAsync());

        // The administrator checks and publishes.
        var admin = await server.NewPageAsync(1366, 900);
        var (adminPassword, key) = await server.CreateAdministratorAsync("quantri@journey.test");
        await PortalServer.SignInWithCodeAsync(admin, "quantri@journey.test", adminPassword, key);
        await admin.GotoAsync("/");
        Assert.StartsWith($"Kế hoạch năm {year} chưa được công bố", (await admin.Locator("[data-this-year-notice]").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await CheckAsync(admin, "journey-home-admin-draft-1366");
        await admin.Locator("[data-this-year-link]").ClickAndWaitForNextPageAsync();
        Assert.EndsWith($"/plans/{planId}/publish", admin.Url, StringComparison.Ordinal);
        await CheckAsync(admin, "journey-publish-1366");
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Công bố Kế hoạch 12/KH-HLHPNVN-BDTTG-{year}" }).ClickAndWaitForNextPageAsync();
        Assert.StartsWith($"Đã công bố Kế hoạch 12/KH-HLHPNVN-BDTTG-{year}.", (await admin.Locator(".alert-success").InnerTextAsync()).Trim(), StringComparison.Ordinal);

        // The province starts this quarter's report on the new plan, on its phone: activity 6 is on it.
        await province.GotoAsync("/reports/mine");
        await CheckAsync(province, "journey-mine-390");
        await province.GetByRole(AriaRole.Button, new() { Name = $"Lập báo cáo Quý {roman}/{year}" }).ClickAndWaitForNextPageAsync();
        var lines = province.Locator("fieldset.report-line");
        var titles = await lines.Locator("legend").AllInnerTextsAsync();
        Assert.Contains(titles, t => t.StartsWith("Hoạt động 6:", StringComparison.Ordinal));
        Assert.DoesNotContain(titles, t => t.StartsWith("Hoạt động 7:", StringComparison.Ordinal)); // central only
        await CheckAsync(province, "journey-report-390");
        await province.SetViewportSizeAsync(1366, 900);
        await CheckAsync(province, "journey-report-1366");
    }

    private static async Task CheckAsync(IPage page, string screenshot)
    {
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, screenshot);
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, $"{page.Url} scrolls sideways ({screenshot})");
    }
}
