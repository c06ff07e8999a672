using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The administrator's province pages: the units over time with their lineage, a unit's region and
/// name, and moving the accounts of merged units to today's unit. The clock stands at 10/09/2025,
/// inside Q3/2025 (data period until 14/09, due 20/09), when the 34 units exist.
/// </summary>
public sealed class ProvinceAdminTests : IAsyncDisposable
{
    private static readonly Quarter Q3Of2025 = new(2025, 3);
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
        Assert.NotNull(form.QuerySelector("[data-needs-region]"));
        var formedFrom = form.QuerySelector("[data-predecessors]")!.Text(); // the old units' regions help the decision
        Assert.Contains("Bình Thuận (60) · Bắc Trung Bộ và Duyên hải miền Trung", formedFrom, StringComparison.Ordinal);
        Assert.Contains("Đắk Nông (67) · Tây Nguyên", formedFrom, StringComparison.Ordinal);
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

    [Fact]
    public async Task Accounts_of_a_merged_unit_are_previewed_moved_in_one_step_audited_and_then_write_for_the_new_unit_and_only_read_the_old_ones()
    {
        // Hà Giang (02) merged into Tuyên Quang (08, from 01/07/2025); Cao Bằng (04) continues unchanged.
        var officer = await _factory.AccountAsync(Persona.ProvincialHaGiangVwu);
        var colleague = await _factory.CreateAccountAsync(Persona.ProvincialHaGiangVwu, email: "hagiang.2@test.local");
        await _factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == colleague.Id, Ct);
            user.IsActive = false; // disabled accounts move too, so that re-enabling one finds it in the right unit
            return await db.SaveChangesAsync(Ct);
        });
        await _factory.AccountAsync(Persona.ProvincialCaoBangCema);
        var haGiang = await UnitIdAsync("02", null);
        var newTuyenQuang = await UnitIdAsync("08", FirstDayOf34);
        var returnedReport = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, 4), ReportState.Returned);
        var plan2025 = await _factory.PlanForYearAsync(2025);

        // Before the move: the officer reads and corrects Hà Giang's report, and is told why Q3/2025 is not theirs.
        var before = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        using (var read = await GetAsync(before, $"/reports/{returnedReport}"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using (var edit = await GetAsync(before, $"/reports/{returnedReport}/edit"))
        {
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        }

        var mine = await before.GetDocumentAsync($"/reports/mine?planId={plan2025}");
        using (var refused = await before.PostFormAsync("/reports/start", mine, StartFields(plan2025)))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            var told = await before.GetDocumentAsync(refused.Headers.Location!.OriginalString);
            Assert.Equal(
                "Hà Giang đã sáp nhập vào Tuyên Quang từ sau ngày 30/06/2025: báo cáo Quý III/2025 do tài khoản của Tuyên Quang lập. Hãy đề nghị quản trị viên chuyển tài khoản của bạn sang Tuyên Quang.",
                told.QuerySelector(".alert-danger")!.Text());
        }

        Assert.Equal(0, await _factory.WithDbAsync(db => db.QuarterlyReports.CountAsync(r => r.PlanId == plan2025, Ct)));

        // The preview: exactly the two Hà Giang accounts, active or not, with old unit, new unit and branch.
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var list = await admin.GetDocumentAsync("/admin/provinces");
        Assert.Contains("(2)", list.QuerySelector("a[href='/admin/provinces/moves']")!.Text(), StringComparison.Ordinal);
        var preview = await admin.GetDocumentAsync("/admin/provinces/moves");
        var rows = preview.QuerySelectorAll("table.move-table tbody tr");
        Assert.Equal(new[] { officer.Email, colleague.Email }.Order(StringComparer.Ordinal), rows.Select(r => r.GetAttribute("data-user-email")!).Order(StringComparer.Ordinal));
        Assert.All(rows, r =>
        {
            Assert.Equal("Hà Giang (02)", r.QuerySelector("[data-old-unit]")!.Text());
            Assert.Equal("Tuyên Quang (08)", r.QuerySelector("[data-new-unit]")!.Text());
            Assert.Equal("Hội LHPN tỉnh, thành phố", r.QuerySelector("[data-branch]")!.Text());
        });
        Assert.Contains("Đã vô hiệu hóa", rows.Single(r => r.GetAttribute("data-user-email") == colleague.Email).Text(), StringComparison.Ordinal);

        // One confirmation moves both.
        using (var moved = await admin.PostFormAsync("/admin/provinces/moves", preview, MoveFields(preview)))
        {
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
            var after = await admin.GetDocumentAsync(moved.Headers.Location!.OriginalString);
            Assert.StartsWith("Đã chuyển 2 tài khoản sang đơn vị hiện nay.", after.QuerySelector(".alert-success")!.Text(), StringComparison.Ordinal);
            Assert.NotNull(after.QuerySelector("[data-nothing-to-move]"));
        }

        string[] movedIds = [officer.Id, colleague.Id];
        var accounts = await _factory.WithDbAsync(db => db.Users.AsNoTracking().Where(u => movedIds.Contains(u.Id)).ToListAsync(Ct));
        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, u => Assert.Equal(newTuyenQuang, u.ProvinceId));
        Assert.All(accounts, u => Assert.Contains("tuyen quang", u.SearchText, StringComparison.Ordinal));
        Assert.Equal(await _factory.ProvinceIdAsync("04"), await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == "provincialcaobangcema@test.local").Select(u => u.ProvinceId).SingleAsync(Ct)));

        // The audit trail: each account's province, before and after, and one summary of the step.
        var trail = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "PortalUser" || e.EntityType == "AccountMove").ToListAsync(Ct));
        foreach (var account in accounts)
        {
            var entry = Assert.Single(trail, e => e.EntityType == "PortalUser" && e.Action == AuditAction.Updated && e.EntityId == account.Id && e.Changes.Any(c => c.Field == "ProvinceId"));
            Assert.Contains(new FieldChange("ProvinceId", haGiang.ToString(CultureInfo.InvariantCulture), newTuyenQuang.ToString(CultureInfo.InvariantCulture)), entry.Changes);
        }

        var summary = Assert.Single(trail, e => e.EntityType == "AccountMove");
        Assert.Equal("2 accounts of merged provinces moved to today's units: 02->08 x2", summary.Detail);
        Assert.Equal((await _factory.AccountAsync(Persona.Administrator)).Email, summary.UserName);

        // A second confirmation (a double click, a retry) moves nothing and says so.
        using (var twice = await admin.PostFormAsync("/admin/provinces/moves", preview, MoveFields(preview)))
        {
            Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
            var after = await admin.GetDocumentAsync(twice.Headers.Location!.OriginalString);
            Assert.Contains("Không còn tài khoản nào cần chuyển", after.QuerySelector(".alert-success")!.Text(), StringComparison.Ordinal);
        }

        Assert.Equal(1, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "AccountMove", Ct)));

        // The old session ends at its next check; signed in again, the officer works for Tuyên Quang.
        _clock.Advance(TimeSpan.FromSeconds(61));
        using (var stale = await GetAsync(before, "/reports/mine"))
        {
            Assert.Contains("/account/sign-in", stale.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);
        }

        var client = _factory.NewClient();
        using (var signedIn = await PortalFactory.SignInAsync(client, officer.Email, officer.Password))
        {
            Assert.Equal("/", PortalFactory.LandedOn(signedIn));
        }

        // Hà Giang's report is the new unit's history: read, never written.
        var history = await client.GetDocumentAsync($"/reports/{returnedReport}");
        Assert.Contains("Hà Giang", history.QuerySelector("h1")!.Text(), StringComparison.Ordinal);
        Assert.Empty(history.QuerySelectorAll($"a[href='/reports/{returnedReport}/edit']"));
        using (var edit = await GetAsync(client, $"/reports/{returnedReport}/edit"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        }

        var versionBefore = await ReportVersionAsync(returnedReport);
        using (var post = await client.PostFormAsync($"/reports/{returnedReport}/edit", history, new() { ["Version"] = versionBefore.ToString(CultureInfo.InvariantCulture), ["Intent"] = "save" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        Assert.Equal(versionBefore, await ReportVersionAsync(returnedReport));

        // And Q3/2025 is now theirs to write, for Tuyên Quang.
        mine = await client.GetDocumentAsync($"/reports/mine?planId={plan2025}");
        using (var started = await client.PostFormAsync("/reports/start", mine, StartFields(plan2025)))
        {
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
            Assert.EndsWith("/edit", started.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var report = await _factory.WithDbAsync(db => db.QuarterlyReports.AsNoTracking().SingleAsync(r => r.PlanId == plan2025, Ct));
        Assert.Equal((newTuyenQuang, Q3Of2025), (report.ProvinceId, report.Quarter));
    }

    [Fact]
    public async Task A_confirmation_from_a_preview_that_has_changed_since_is_refused_moves_nobody_and_shows_the_list_as_it_is_now()
    {
        await _factory.AccountAsync(Persona.ProvincialHaGiangVwu);
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var preview = await admin.GetDocumentAsync("/admin/provinces/moves");
        Assert.Single(preview.QuerySelectorAll("table.move-table tbody tr"));

        // Meanwhile another Hà Giang account is created.
        await _factory.CreateAccountAsync(Persona.ProvincialHaGiangVwu, email: "hagiang.moi@test.local");
        using var refused = await admin.PostFormAsync("/admin/provinces/moves", preview, MoveFields(preview));

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var shown = await admin.GetDocumentAsync(refused.Headers.Location!.OriginalString);
        Assert.Contains("đã thay đổi", shown.QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
        Assert.Equal(2, shown.QuerySelectorAll("table.move-table tbody tr").Length);
        var haGiang = await UnitIdAsync("02", null);
        Assert.Equal(2, await _factory.WithDbAsync(db => db.Users.CountAsync(u => u.ProvinceId == haGiang, Ct)));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "AccountMove", Ct)));

        // A preview with an account left out, or one that claims another old unit, is refused too.
        var fields = MoveFields(shown);
        fields["Accounts[1].ProvinceId"] = (await UnitIdAsync("04", null)).ToString(CultureInfo.InvariantCulture);
        using (var tampered = await admin.PostFormAsync("/admin/provinces/moves", shown, fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, tampered.StatusCode);
        }

        Assert.Equal(2, await _factory.WithDbAsync(db => db.Users.CountAsync(u => u.ProvinceId == haGiang, Ct)));

        // The list as it is now is confirmed.
        using var moved = await admin.PostFormAsync("/admin/provinces/moves", shown, MoveFields(shown));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Users.CountAsync(u => u.ProvinceId == haGiang, Ct)));
    }

    [Fact]
    public async Task Two_confirmations_at_once_move_each_account_once_and_neither_fails()
    {
        await _factory.AccountAsync(Persona.ProvincialHaGiangVwu);
        await _factory.CreateAccountAsync(Persona.ProvincialHaGiangVwu, email: "hagiang.3@test.local");
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var preview = await admin.GetDocumentAsync("/admin/provinces/moves");

        var responses = await Task.WhenAll(
            admin.PostFormAsync("/admin/provinces/moves", preview, MoveFields(preview)),
            admin.PostFormAsync("/admin/provinces/moves", preview, MoveFields(preview)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.Equal(1, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "AccountMove", Ct)));
        var updates = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "PortalUser" && e.Action == AuditAction.Updated).ToListAsync(Ct));
        Assert.Equal(2, updates.Count(e => e.Changes.Any(c => c.Field == "ProvinceId")));
    }

    [Fact]
    public async Task With_nothing_to_move_the_page_says_so_and_offers_no_confirmation()
    {
        await _factory.AccountAsync(Persona.ProvincialCaoBangCema);
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);

        var page = await admin.GetDocumentAsync("/admin/provinces/moves");

        Assert.Equal("Không có tài khoản nào cần chuyển: mọi tài khoản đều thuộc đơn vị đang tồn tại ngày 10/09/2025.", page.QuerySelector("[data-nothing-to-move]")!.Text());
        Assert.Null(page.QuerySelector("form[action='/admin/provinces/moves']"));
    }

    private Task<SocioEconomicRegion?> RegionOfAsync(int id) =>
        _factory.WithDbAsync(db => db.Provinces.Where(p => p.Id == id).Select(p => p.Region).SingleAsync(Ct));

    private Task<int> ReportVersionAsync(int id) =>
        _factory.WithDbAsync(db => db.QuarterlyReports.Where(r => r.Id == id).Select(r => r.Version).SingleAsync(Ct));

    /// <summary>The unit form as shown, with the name or region changed when given.</summary>
    private static Dictionary<string, string> Fields(IDocument form, string? name = null, string? region = null) => new()
    {
        ["Name"] = name ?? form.QuerySelector("input[name=Name]")!.GetAttribute("value")!,
        ["Region"] = region ?? form.QuerySelector("select[name=Region] option[selected]")?.GetAttribute("value") ?? string.Empty,
        ["OriginalName"] = form.QuerySelector("input[name=OriginalName]")!.GetAttribute("value")!,
        ["OriginalRegion"] = form.QuerySelector("input[name=OriginalRegion]")!.GetAttribute("value") ?? string.Empty,
    };

    /// <summary>The preview's hidden fields, as the confirmation button posts them.</summary>
    private static Dictionary<string, string> MoveFields(IDocument preview) =>
        preview.QuerySelectorAll("form[action='/admin/provinces/moves'] input[type=hidden][name^='Accounts[']")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);

    private static Dictionary<string, string> StartFields(int planId) => new()
    {
        ["PlanId"] = planId.ToString(CultureInfo.InvariantCulture),
        ["Quarter"] = Q3Of2025.Key.ToString(CultureInfo.InvariantCulture),
    };

}
