using System.Net;
using CoordinationPortal.Web.Tests.Infrastructure;

namespace CoordinationPortal.Web.Tests;

public sealed class PlanPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_plan_one_click_from_home_is_plan_468_with_its_number_date_and_title_in_Vietnamese()
    {
        var page = await (await factory.SignedInClientAsync(Persona.Leadership)).GetPlanFromHomeAsync();

        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        var header = page.QuerySelector(".document-header")!.Text();
        Assert.Contains("Số: 468/KH-HLHPNVN-UBDT", header, StringComparison.Ordinal);
        Assert.Contains("Hà Nội, ngày 21 tháng 3 năm 2024", header, StringComparison.Ordinal);
        Assert.Contains("Triển khai Chương trình phối hợp công tác giữa Ủy ban Dân tộc và Hội Liên hiệp Phụ nữ Việt Nam năm 2024", header, StringComparison.Ordinal);
        Assert.Contains("1541/CTPH-UBDT-HLHPN", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plan_page_lists_exactly_seven_activities_with_their_windows_and_leads()
    {
        var page = await (await factory.SignedInClientAsync(Persona.Leadership)).GetPlanFromHomeAsync();

        var rows = page.QuerySelectorAll("#activities tbody tr");
        Assert.Equal(7, rows.Length);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], rows.Select(r => r.GetAttribute("data-activity-number")));
        Assert.Equal(
            ["Q1/2024-Q4/2024", "Q2/2024-Q4/2024", "Q4/2024-Q4/2024", "Q1/2024-Q4/2024", "Q2/2024-Q4/2024", "Q2/2024-Q3/2024", "Q4/2024-Q4/2024"],
            rows.Select(r => r.GetAttribute("data-window")));

        // What a reader sees in the window column.
        Assert.Equal("Quý I – IV/2024", rows[0].QuerySelectorAll("td")[2].Text());
        Assert.Equal("Quý IV/2024 (dự kiến tháng 10/2024)", rows[2].QuerySelectorAll("td")[2].Text());
        Assert.Equal("Quý IV/2024 (dự kiến tháng 12/2024)", rows[6].QuerySelectorAll("td")[2].Text());

        string? Summary(int index) => rows[index].QuerySelector("[data-role-summary]")!.GetAttribute("data-role-summary");
        Assert.Equal(["joint", "joint", "lead", "joint", "joint", "lead", "per-task"], Enumerable.Range(0, 7).Select(Summary));
        Assert.Equal("VWU", rows[2].QuerySelector("[data-lead]")!.GetAttribute("data-lead"));
        Assert.Equal("VWU", rows[5].QuerySelector("[data-lead]")!.GetAttribute("data-lead"));
        Assert.Contains("Chủ trì: Hội LHPN Việt Nam", rows[2].Text(), StringComparison.Ordinal);
        Assert.Contains("Phối hợp: Ủy ban Dân tộc", rows[2].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activity_7_names_a_different_lead_for_each_of_its_two_deliverables()
    {
        var page = await (await factory.SignedInClientAsync(Persona.Leadership)).GetPlanFromHomeAsync();

        var tasks = page.QuerySelectorAll("#activity-7-heading ~ div li[data-task-number]");
        Assert.Equal(2, tasks.Length);
        Assert.Contains("Báo cáo kết quả thực hiện hoạt động phối hợp năm 2024", tasks[0].Text(), StringComparison.Ordinal);
        Assert.Equal("VWU", tasks[0].QuerySelector("[data-task-role=Lead]")!.GetAttribute("data-agency"));
        Assert.Contains("Kế hoạch triển khai Chương trình phối hợp năm 2025", tasks[1].Text(), StringComparison.Ordinal);
        Assert.Equal("CEMA", tasks[1].QuerySelector("[data-task-role=Lead]")!.GetAttribute("data-agency"));
    }

    [Fact]
    public async Task The_plan_page_holds_purposes_funding_duties_signatories_and_recipients()
    {
        var page = await (await factory.SignedInClientAsync(Persona.Leadership)).GetPlanFromHomeAsync();

        Assert.Equal(3, page.QuerySelectorAll("#purposes ol li").Length);
        Assert.StartsWith("Kinh phí thực hiện Chương trình phối hợp được bố trí từ nguồn ngân sách nhà nước", page.QuerySelector("#funding p")!.Text(), StringComparison.Ordinal);
        Assert.Equal(["Hội LHPN Việt Nam", "Ủy ban Dân tộc"], page.QuerySelectorAll("#organisation h3").Select(h => h.Text()));
        Assert.Equal(8, page.QuerySelectorAll("#organisation li").Length);
        var signatures = page.QuerySelector(".signatures")!.Text();
        Assert.Contains("Y Vinh Tor", signatures, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Thị Thu Hiền", signatures, StringComparison.Ordinal);
        Assert.Equal(5, page.QuerySelectorAll(".recipients li").Length);
        Assert.Contains("Hội LHPN 63 tỉnh/thành;", page.QuerySelector(".recipients")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_activity_page_renders_its_title_window_and_roles()
    {
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var plan = await client.GetPlanFromHomeAsync();
        var links = plan.QuerySelectorAll("#activities tbody tr a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(7, links.Count);

        foreach (var (link, index) in links.Select((l, i) => (l, i)))
        {
            var page = await client.GetDocumentAsync(link);
            Assert.Equal($"Hoạt động {index + 1}", page.QuerySelector("h1 span")!.Text());
            Assert.NotNull(page.QuerySelector("dd[data-window]"));
            Assert.NotNull(page.QuerySelector("[data-role-summary]"));
        }
    }

    [Fact]
    public async Task Activity_3_shows_what_each_agency_does_in_the_plan_own_words()
    {
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var plan = await client.GetPlanFromHomeAsync();
        var link = plan.QuerySelector("#activities tbody tr[data-activity-number='3'] a")!.GetAttribute("href")!;

        var page = await client.GetDocumentAsync(link);

        var statements = page.QuerySelectorAll("dt + dd[lang=vi]").Select(d => d.Text()).ToList();
        Assert.Contains("Chủ trì xây dựng kế hoạch, nội dung, bố trí kinh phí và tổ chức hội thảo.", statements);
        Assert.Contains("Phối hợp với Trung ương Hội LHPN Việt Nam chủ trì, tổ chức Hội thảo.", statements);
        Assert.NotNull(page.QuerySelector("a[rel=prev]"));
        Assert.NotNull(page.QuerySelector("a[rel=next]"));
    }

    [Theory]
    [InlineData("/plans/999")]
    [InlineData("/activities/999")]
    [InlineData("/no-such-page")]
    public async Task An_unknown_id_or_address_gives_a_friendly_404_page(string url)
    {
        var client = await factory.SignedInClientAsync(Persona.CentralCema);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Không tìm thấy trang", page.QuerySelector("h1")!.Text());
        Assert.NotNull(page.QuerySelector("a[href='/']"));
    }

    [Fact]
    public async Task The_plans_list_links_to_plan_468()
    {
        var page = await (await factory.SignedInClientAsync(Persona.Leadership)).GetDocumentAsync("/plans");

        var link = Assert.Single(page.QuerySelectorAll(".plan-list a"));
        Assert.Equal("Kế hoạch 468/KH-HLHPNVN-UBDT", link.Text());
    }
}
