using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Web.Tests.Infrastructure;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Beside the derived status, what each agency last reported and the rule in one sentence: a
/// supporting agency's "40%" next to a shown "0%" must read as the rule, not as a bug.
/// </summary>
public sealed class LatestWordTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string RuleStart = "Tình trạng của hoạt động lấy từ cập nhật mới nhất của mỗi cơ quan";

    [Fact]
    public async Task The_plan_page_shows_each_agencys_latest_status_percent_and_date_beside_the_derived_status_and_the_rule()
    {
        // Activity 3: VWU leads, CEMA supports. Only the supporting agency has written: 40%.
        await factory.EntryAsync(Persona.CentralCema, 3, ActivityStatus.OnTrack, 40);
        var client = await factory.SignedInClientAsync(Persona.Leadership);

        var page = await client.GetPlanFromHomeAsync();

        var row = page.QuerySelector("#activities tbody tr[data-activity-number='3']")!;
        Assert.Equal("OnTrack", row.QuerySelector(".status-badge")!.GetAttribute("data-status"));
        Assert.Contains("0%", row.QuerySelector(".status-badge + .text-muted")!.Text(), StringComparison.Ordinal); // the lead is silent
        var cema = row.QuerySelector("[data-latest-words] li[data-agency='CEMA']")!;
        Assert.Equal("false", cema.GetAttribute("data-decides"));
        Assert.Equal("OnTrack", cema.QuerySelector("[data-word-status]")!.GetAttribute("data-word-status"));
        Assert.Equal("40", cema.QuerySelector("[data-word-percent]")!.GetAttribute("data-word-percent"));
        Assert.Contains("Đúng tiến độ · 40% · ngày 10/06/2024", cema.Text(), StringComparison.Ordinal);
        Assert.Contains("không tính vào tỷ lệ hoàn thành", cema.Text(), StringComparison.Ordinal);
        var vwu = row.QuerySelector("[data-latest-words] li[data-agency='VWU']")!;
        Assert.Equal("true", vwu.GetAttribute("data-decides"));
        Assert.Contains("Hội LHPN Việt Nam: chưa cập nhật, tính là 0%", vwu.Text(), StringComparison.Ordinal);
        Assert.StartsWith(RuleStart, page.QuerySelector("#activities [data-status-rule]")!.Text(), StringComparison.Ordinal);
        Assert.Contains("cơ quan chưa cập nhật tính là 0%", page.QuerySelector("#activities [data-status-rule]")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_activity_page_shows_each_agencys_latest_word_and_the_rule_beside_its_status()
    {
        var activityId = await factory.ActivityIdAsync(5); // joint: both agencies decide
        await factory.EntryAsync(Persona.CentralVwu, 5, ActivityStatus.AtRisk, 25);
        var client = await factory.SignedInClientAsync(Persona.CentralCema);

        var page = await client.GetDocumentAsync($"/activities/{activityId}");

        Assert.Equal("AtRisk", page.QuerySelector("[data-activity-status]")!.GetAttribute("data-activity-status"));
        var words = page.QuerySelectorAll(".activity-facts [data-latest-words] li");
        Assert.Equal(["CEMA", "VWU"], words.Select(w => w.GetAttribute("data-agency")).Order(StringComparer.Ordinal));
        Assert.All(words, w => Assert.Equal("true", w.GetAttribute("data-decides")));
        var vwu = words.Single(w => w.GetAttribute("data-agency") == "VWU");
        Assert.Contains("Có nguy cơ chậm · 25% · ngày 10/06/2024", vwu.Text(), StringComparison.Ordinal);
        Assert.Contains("chưa cập nhật, tính là 0%", words.Single(w => w.GetAttribute("data-agency") == "CEMA").Text(), StringComparison.Ordinal);
        Assert.StartsWith(RuleStart, page.QuerySelector(".activity-facts [data-status-rule]")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_shows_each_agencys_latest_word_beside_the_derived_status()
    {
        await factory.EntryAsync(Persona.CentralVwu, 6, ActivityStatus.Delayed, 10);
        var client = await factory.SignedInClientAsync(Persona.Leadership);

        var page = await client.GetDocumentAsync("/dashboard");

        var row = page.QuerySelector("#activities tbody tr[data-activity-number='6']")!;
        var vwu = row.QuerySelector("[data-latest-words] li[data-agency='VWU']")!;
        Assert.Contains("Chậm tiến độ · 10% · ngày 10/06/2024", vwu.Text(), StringComparison.Ordinal);
        Assert.StartsWith(RuleStart, page.QuerySelector("#activities [data-status-rule]")!.Text(), StringComparison.Ordinal);
    }
}
