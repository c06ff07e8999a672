using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The administrator's province pages: the units over time with their lineage, and a unit's region
/// and name. The clock stands at 10/09/2025, when the 34 units exist.
/// </summary>
public sealed class ProvinceAdminTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 9, 10, 1, 0, 0, TimeSpan.Zero)); // 08:00 in Hà Nội
    private readonly PortalFactory _factory = new();

    public ProvinceAdminTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string url) =>
        client.GetAsync(new Uri(url, UriKind.Relative), Ct);

    private static IElement Row(IDocument page, string code, string? validFrom = null) =>
        page.QuerySelectorAll($"tr[data-province-code='{code}']").Single(r => validFrom is null || r.GetAttribute("data-valid-from") == validFrom);

    private Task<int> UnitIdAsync(string code, DateOnly? validFrom) =>
        _factory.WithDbAsync(db => db.Provinces.Where(p => p.Code == code && p.ValidFrom == validFrom).Select(p => p.Id).SingleAsync(Ct));

    private static readonly DateOnly FirstDayOf34 = new(2025, 7, 1);

    /// <summary>The merged units that span two old regions: no source assigns them one.</summary>
    private static readonly string[] SpanTwoRegions = ["Bắc Ninh", "Gia Lai", "Lâm Đồng", "Phú Thọ", "Quảng Ngãi", "Đắk Lắk"];

    [Fact]
    public async Task The_list_shows_todays_34_units_by_default_the_63_of_30_06_2025_on_request_and_every_unit_with_its_lineage()
    {
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);

        var today = await admin.GetDocumentAsync("/admin/provinces");
        var rows = today.QuerySelectorAll("table.province-table tbody tr");
        Assert.Equal(34, rows.Length);
        Assert.Contains("34 đơn vị hiện nay (ngày 10/09/2025)", today.QuerySelector("[role=status]")!.Text(), StringComparison.Ordinal);
        var names = rows.Select(r => r.QuerySelector(".province-name")!.Text()).ToList();
        Assert.Equal(names.Order(VietnameseOrder.Names), names); // Vietnamese alphabetical order: Đà Nẵng after Cần Thơ, not after Vĩnh Long
        Assert.Equal("Thành phố Hồ Chí Minh", Row(today, "79").QuerySelector(".province-name")!.Text());

        // Huế: its name until 31/12/2024, and its type now.
        var hue = Row(today, "46");
        Assert.Equal("Huế", hue.QuerySelector(".province-name")!.Text());
        Assert.Equal("Tên trước đây: Thừa Thiên Huế (tỉnh) đến 31/12/2024", hue.QuerySelector("[data-former-name]")!.Text());
        Assert.Contains("thành phố trực thuộc trung ương", hue.Text(), StringComparison.Ordinal);

        // The new Tuyên Quang was formed from Hà Giang and the old Tuyên Quang, both linked.
        var tuyenQuang = Row(today, "08", "01/07/2025");
        var predecessors = tuyenQuang.QuerySelectorAll("[data-predecessors] a").Select(a => a.Text()).ToList();
        Assert.Equal(["Hà Giang (02)", "Tuyên Quang (08)"], predecessors);
        Assert.Equal("từ 01/07/2025", tuyenQuang.QuerySelector("td[data-label='Hiệu lực']")!.Text());
        Assert.Equal("Không giới hạn", Row(today, "04").QuerySelector("td[data-label='Hiệu lực']")!.Text()); // Cao Bằng continues unchanged

        // The six mergers across two regions wait for a decision, and say so in words.
        var undecided = rows.Where(r => r.ClassList.Contains("needs-decision")).Select(r => r.QuerySelector(".province-name")!.Text()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(SpanTwoRegions.Order(StringComparer.Ordinal), undecided);
        Assert.All(rows.Where(r => r.ClassList.Contains("needs-decision")), r => Assert.Contains("Chưa xác định vùng", r.Text(), StringComparison.Ordinal));
        Assert.Equal("6", today.QuerySelector("[data-needs-region-count]")!.GetAttribute("data-needs-region-count"));

        // On 30/06/2025: the 63, each merged one with its successor.
        var before = await admin.GetDocumentAsync("/admin/provinces?show=OnDate&on=30/06/2025");
        Assert.Equal(63, before.QuerySelectorAll("table.province-table tbody tr").Length);
        var haGiang = Row(before, "02");
        Assert.Equal("Tuyên Quang (08)", haGiang.QuerySelector("[data-successor] a")!.Text());
        Assert.Equal($"/admin/provinces/{await UnitIdAsync("08", FirstDayOf34)}", haGiang.QuerySelector("[data-successor] a")!.GetAttribute("href"));
        Assert.Equal("đến 30/06/2025", haGiang.QuerySelector("td[data-label='Hiệu lực']")!.Text());
        Assert.Null(Row(before, "04").QuerySelector("[data-successor]"));

        // All: 63 + 23 units formed in 2025.
        var all = await admin.GetDocumentAsync("/admin/provinces?show=All");
        Assert.Equal(63 + 23, all.QuerySelectorAll("table.province-table tbody tr").Length);

        // A unit's own page shows the same lineage.
        var page = await admin.GetDocumentAsync($"/admin/provinces/{await UnitIdAsync("02", null)}");
        Assert.Equal("Tuyên Quang (08)", page.QuerySelector("[data-successor] a")!.Text());
    }

    [Fact]
    public async Task A_date_that_is_not_a_date_is_answered_with_the_list_page_and_a_message_not_an_error()
    {
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);

        using var response = await GetAsync(admin, "/admin/provinces?show=OnDate&on=31/02/2025");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("31/02/2025", page.QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
        Assert.Equal(34, page.QuerySelectorAll("table.province-table tbody tr").Length);
    }

    [Fact]
    public async Task An_administrator_sets_a_region_and_corrects_a_name_and_both_are_in_the_audit_trail()
    {
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var lamDong = await UnitIdAsync("68", FirstDayOf34);

        var form = await admin.GetDocumentAsync($"/admin/provinces/{lamDong}");
        Assert.Equal(string.Empty, form.QuerySelector("select[name=Region] option[selected]")!.GetAttribute("value"));
        using (var saved = await admin.PostFormAsync($"/admin/provinces/{lamDong}", form, Fields(form, region: "CentralHighlands")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal($"/admin/provinces#province-{lamDong}", saved.Headers.Location!.OriginalString);
        }

        var list = await admin.GetDocumentAsync("/admin/provinces");
        Assert.Contains("Đã lưu Lâm Đồng.", list.QuerySelector(".alert-success")!.Text(), StringComparison.Ordinal);
        Assert.False(list.GetElementById($"province-{lamDong}")!.ClassList.Contains("needs-decision"));
        Assert.Equal("Tây Nguyên", list.GetElementById($"province-{lamDong}")!.QuerySelector("td[data-region]")!.Text());
        Assert.Equal("5", list.QuerySelector("[data-needs-region-count]")!.GetAttribute("data-needs-region-count"));

        // Huế is written "Thành phố Huế"; its former name stays as it was.
        var hue = await UnitIdAsync("46", null);
        form = await admin.GetDocumentAsync($"/admin/provinces/{hue}");
        using (var renamed = await admin.PostFormAsync($"/admin/provinces/{hue}", form, Fields(form, name: "  Thành phố Huế ")))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        }

        var stored = await _factory.WithDbAsync(db => db.Provinces.AsNoTracking().SingleAsync(p => p.Id == hue, Ct));
        Assert.Equal(("Thành phố Huế", SocioEconomicRegion.NorthCentralAndCentralCoast), (stored.Name, stored.Region));
        Assert.Equal("Thừa Thiên Huế", stored.NameOn(new DateOnly(2024, 6, 30)));

        var trail = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Province) && e.UserId != null).ToListAsync(Ct));
        var account = await _factory.AccountAsync(Persona.Administrator);
        Assert.Equal(2, trail.Count); // the seed's own writes have no user
        var regionEntry = Assert.Single(trail, e => e.EntityId == lamDong.ToString(CultureInfo.InvariantCulture));
        Assert.Equal((AuditAction.Updated, account.Email), (regionEntry.Action, regionEntry.UserName));
        Assert.Equal([new FieldChange("Region", null, "CentralHighlands")], regionEntry.Changes);
        var nameEntry = Assert.Single(trail, e => e.EntityId == hue.ToString(CultureInfo.InvariantCulture));
        Assert.Equal([new FieldChange("Name", "Huế", "Thành phố Huế")], nameEntry.Changes);

        // Saving the same values again writes nothing, so it audits nothing.
        form = await admin.GetDocumentAsync($"/admin/provinces/{hue}");
        using (await admin.PostFormAsync($"/admin/provinces/{hue}", form, Fields(form)))
        {
        }

        Assert.Equal(2, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(Province) && e.UserId != null, Ct)));
    }

    [Theory]
    [InlineData("Mars")]
    [InlineData("7")]
    [InlineData("1,2")]
    [InlineData("centralhighlands")]
    public async Task A_region_that_is_not_one_of_the_six_is_refused_beside_the_field_and_nothing_is_saved(string region)
    {
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var gialai = await UnitIdAsync("52", FirstDayOf34);
        var form = await admin.GetDocumentAsync($"/admin/provinces/{gialai}");

        using var response = await admin.PostFormAsync($"/admin/provinces/{gialai}", form, Fields(form, region: region));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.ReadDocumentAsync();
        Assert.Contains("Vùng đã chọn không hợp lệ", shown.QuerySelector("#Region ~ .text-danger")!.Text(), StringComparison.Ordinal);
        Assert.Null(await _factory.WithDbAsync(db => db.Provinces.Where(p => p.Id == gialai).Select(p => p.Region).SingleAsync(Ct)));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(Province) && e.UserId != null, Ct)));
    }

    [Fact]
    public async Task An_empty_or_too_long_name_is_refused_beside_the_field_and_nothing_is_saved()
    {
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var hue = await UnitIdAsync("46", null);
        var form = await admin.GetDocumentAsync($"/admin/provinces/{hue}");

        foreach (var name in new[] { "   ", "\u0001\u0002", new string('x', Province.MaxNameLength + 1) })
        {
            using var response = await admin.PostFormAsync($"/admin/provinces/{hue}", form, Fields(form, name: name));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull((await response.ReadDocumentAsync()).QuerySelector("#Name ~ .text-danger"));
        }

        Assert.Equal("Huế", await _factory.WithDbAsync(db => db.Provinces.Where(p => p.Id == hue).Select(p => p.Name).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_save_from_a_form_shown_before_another_administrators_save_is_a_conflict_not_an_overwrite()
    {
        var first = await _factory.SignedInClientAsync(Persona.Administrator);
        var second = await _factory.SignedInClientAsync(Persona.Administrator);
        var bacNinh = await UnitIdAsync("24", FirstDayOf34);
        var firstForm = await first.GetDocumentAsync($"/admin/provinces/{bacNinh}");
        var secondForm = await second.GetDocumentAsync($"/admin/provinces/{bacNinh}");
        using (await first.PostFormAsync($"/admin/provinces/{bacNinh}", firstForm, Fields(firstForm, region: "RedRiverDelta")))
        {
        }

        using var conflict = await second.PostFormAsync($"/admin/provinces/{bacNinh}", secondForm, Fields(secondForm, region: "NorthernMidlandsAndMountains"));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var shown = await conflict.ReadDocumentAsync();
        Assert.Contains("Đồng bằng sông Hồng", shown.QuerySelector(".conflict-table")!.Text(), StringComparison.Ordinal);
        Assert.Equal("NorthernMidlandsAndMountains", shown.QuerySelector("select[name=Region] option[selected]")!.GetAttribute("value"));
        Assert.Equal(SocioEconomicRegion.RedRiverDelta, await RegionOfAsync(bacNinh));

        // Saving again from the conflict page is a deliberate choice, and it is saved.
        using var again = await second.PostFormAsync($"/admin/provinces/{bacNinh}", shown, Fields(shown));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(SocioEconomicRegion.NorthernMidlandsAndMountains, await RegionOfAsync(bacNinh));
    }

    [Fact]
    public async Task An_unknown_unit_is_not_found()
    {
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        using var response = await GetAsync(admin, "/admin/provinces/99999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<SocioEconomicRegion?> RegionOfAsync(int id) =>
        _factory.WithDbAsync(db => db.Provinces.Where(p => p.Id == id).Select(p => p.Region).SingleAsync(Ct));

    /// <summary>The unit form as shown, with the name or region changed when given.</summary>
    private static Dictionary<string, string> Fields(IDocument form, string? name = null, string? region = null) => new()
    {
        ["Name"] = name ?? form.QuerySelector("input[name=Name]")!.GetAttribute("value")!,
        ["Region"] = region ?? form.QuerySelector("select[name=Region] option[selected]")?.GetAttribute("value") ?? string.Empty,
        ["OriginalName"] = form.QuerySelector("input[name=OriginalName]")!.GetAttribute("value")!,
        ["OriginalRegion"] = form.QuerySelector("input[name=OriginalRegion]")!.GetAttribute("value") ?? string.Empty,
    };
}
