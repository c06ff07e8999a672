using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// An activity's indicators and their targets for the plan's year, edited by those who draft plans
/// (administrators and central officers): national and province targets, a stale form answered with
/// a conflict page, bad numbers answered under their fields, and every other role refused.
/// </summary>
public sealed class IndicatorTargetsTests : IAsyncDisposable
{
    private readonly PortalFactory _factory = new();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> IndicatorIdAsync(string code) =>
        _factory.WithDbAsync(db => db.Indicators.Where(i => i.Code == code && db.Activities.Any(a => a.Id == i.ActivityId && db.Plans.Any(p => p.Id == a.PlanId && p.Number == Scenario.Plan468))).Select(i => i.Id).SingleAsync(Ct));

    private Task<Indicator> IndicatorAsync(int id) =>
        _factory.WithDbAsync(db => db.Indicators.AsNoTracking().SingleAsync(i => i.Id == id, Ct));

    /// <summary>The 2024 unit with the code (Hà Giang is "02" until 30/06/2025).</summary>
    private Task<int> Unit2024Async(string code) =>
        _factory.WithDbAsync(db => db.Provinces.Where(p => p.Code == code && p.ValidFrom == null).Select(p => p.Id).SingleAsync(Ct));

    private static string Field(int provinceId) => string.Create(CultureInfo.InvariantCulture, $"ProvinceTargets[{provinceId}]");

    /// <summary>The fields of an indicator's form as the page shows them, with some changed, as a browser would post them.</summary>
    private static Dictionary<string, string> FormOf(IDocument page, int indicatorId, Dictionary<string, string>? changes = null)
    {
        var form = page.QuerySelector($"form[action='/admin/indicators/{indicatorId}']");
        Assert.NotNull(form);
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
        foreach (var (name, value) in changes ?? [])
        {
            fields[name] = value;
        }

        return fields;
    }

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, IDocument page, int indicatorId, Dictionary<string, string> changes) =>
        await client.PostFormAsync($"/admin/indicators/{indicatorId}", page, FormOf(page, indicatorId, changes));

    [Fact]
    public async Task A_central_officer_sets_the_national_target_and_two_province_targets_which_are_stored_shown_and_audited()
    {
        var participants = await IndicatorIdAsync("A1.PARTICIPANTS");
        var activity = await _factory.ActivityIdAsync(1);
        var haGiang = await Unit2024Async("02");
        var caoBang = await Unit2024Async("04");
        var central = await _factory.SignedInClientAsync(Persona.CentralCema);
        var page = await central.GetDocumentAsync($"/admin/indicators/activities/{activity}");

        using var saved = await SaveAsync(central, page, participants, new()
        {
            ["Target"] = "1.500",
            [Field(haGiang)] = "200",
            [Field(caoBang)] = " 1 200 ",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/admin/indicators/activities/{activity}#indicator-{participants}", saved.Headers.Location!.OriginalString);
        var indicator = await IndicatorAsync(participants);
        Assert.Equal(1500, indicator.Target);
        Assert.Equal(200, indicator.TargetFor(haGiang));
        Assert.Equal(1200, indicator.TargetFor(caoBang));
        Assert.Equal(2, indicator.ProvinceTargets.Count);

        var shown = await central.GetDocumentAsync($"/admin/indicators/activities/{activity}");
        Assert.Equal("1.500", shown.QuerySelector($"#i{participants}-target")!.GetAttribute("value"));
        Assert.Equal("200", shown.QuerySelector($"#i{participants}-p{haGiang}")!.GetAttribute("value"));
        Assert.Contains("(đã đặt 2/63)", shown.QuerySelector($"#indicator-{participants} summary")!.Text(), StringComparison.Ordinal);
        Assert.Contains("Đã lưu chỉ tiêu", shown.QuerySelector(".alert-success")!.Text(), StringComparison.Ordinal);

        var trail = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Indicator) && e.EntityId == participants.ToString(CultureInfo.InvariantCulture) && e.Action == AuditAction.Updated)
            .ToListAsync(Ct));
        var entry = Assert.Single(trail);
        Assert.Equal(AuditAction.Updated, entry.Action);
        Assert.Equal("centralcema@test.local", entry.UserName);
        Assert.Contains(entry.Changes, c => c.Field == nameof(Indicator.Target) && c.Before is null && c.After == "1500");
        Assert.Equal(2, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(ProvinceTarget) && e.Action == AuditAction.Created, Ct)));

        // Emptying a field removes that province's target; the national one stays.
        using (await SaveAsync(central, shown, participants, new() { [Field(caoBang)] = string.Empty }))
        {
        }

        indicator = await IndicatorAsync(participants);
        Assert.Equal(1500, indicator.Target);
        Assert.Null(indicator.TargetFor(caoBang));
        Assert.Equal(200, indicator.TargetFor(haGiang));
    }

    [Fact]
    public async Task A_form_shown_before_someone_else_saved_is_a_conflict_and_overwrites_nothing_until_sent_again()
    {
        var events = await IndicatorIdAsync("A1.EVENTS");
        var activity = await _factory.ActivityIdAsync(1);
        var vwu = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var cema = await _factory.SignedInClientAsync(Persona.CentralCema);
        var vwuPage = await vwu.GetDocumentAsync($"/admin/indicators/activities/{activity}");
        var cemaPage = await cema.GetDocumentAsync($"/admin/indicators/activities/{activity}");

        using (var first = await SaveAsync(vwu, vwuPage, events, new() { ["Target"] = "100" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        // The same form again (a double click) asks for what is stored now: done, nothing new written.
        using (var again = await SaveAsync(vwu, vwuPage, events, new() { ["Target"] = "100" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        using var stale = await SaveAsync(cema, cemaPage, events, new() { ["Target"] = "250", ["Name"] = "Số cuộc tuyên truyền (CEMA)" });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var conflict = await stale.ReadDocumentAsync();
        var rows = conflict.QuerySelectorAll($"#indicator-{events} .conflict-table tbody tr").Select(r => string.Join(" | ", r.Children.Select(c => c.Text()))).ToList();
        Assert.Equal(["Tên chỉ tiêu | Số cuộc tuyên truyền đã tổ chức | Số cuộc tuyên truyền (CEMA)", "Mục tiêu năm | 100 | 250"], rows);
        Assert.Contains("centralvwu@test.local", conflict.QuerySelector($"#indicator-{events} [role=alert]")!.Text(), StringComparison.Ordinal);
        Assert.Equal("250", conflict.QuerySelector($"#i{events}-target")!.GetAttribute("value")); // what this person typed is kept
        var indicator = await IndicatorAsync(events);
        Assert.Equal(100, indicator.Target);
        Assert.Equal("Số cuộc tuyên truyền đã tổ chức", indicator.Name);

        // Sent again from the conflict page, it knowingly replaces what was saved.
        using var overwrite = await cema.PostFormAsync($"/admin/indicators/{events}", conflict, FormOf(conflict, events));
        Assert.Equal(HttpStatusCode.Redirect, overwrite.StatusCode);
        indicator = await IndicatorAsync(events);
        Assert.Equal(250, indicator.Target);
        Assert.Equal("Số cuộc tuyên truyền (CEMA)", indicator.Name);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("1,5")]
    [InlineData("1.5")]
    [InlineData("12.50")]
    [InlineData("mười")]
    [InlineData("99999999999999999999")]
    public async Task A_target_that_is_not_a_whole_number_from_0_is_a_field_error_and_nothing_is_stored(string typed)
    {
        var events = await IndicatorIdAsync("A1.EVENTS");
        var activity = await _factory.ActivityIdAsync(1);
        var haGiang = await Unit2024Async("02");
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var page = await admin.GetDocumentAsync($"/admin/indicators/activities/{activity}");

        using var national = await SaveAsync(admin, page, events, new() { ["Target"] = typed, [Field(haGiang)] = "30" });
        using var province = await SaveAsync(admin, page, events, new() { ["Target"] = "300", [Field(haGiang)] = typed });

        Assert.Equal(HttpStatusCode.OK, national.StatusCode);
        var shown = await national.ReadDocumentAsync();
        Assert.Contains("nhập số nguyên không âm", shown.QuerySelector($"#indicator-{events} [data-valmsg-for='Target']")!.Text(), StringComparison.Ordinal);
        Assert.Equal(typed, shown.QuerySelector($"#i{events}-target")!.GetAttribute("value"));

        Assert.Equal(HttpStatusCode.OK, province.StatusCode);
        var shownProvince = await province.ReadDocumentAsync();
        Assert.StartsWith("Hà Giang: nhập số nguyên không âm", shownProvince.QuerySelector($"#indicator-{events} [data-valmsg-for='{Field(haGiang)}']")!.Text(), StringComparison.Ordinal);
        Assert.NotNull(shownProvince.QuerySelector($"#indicator-{events} details[open]")); // the error is not folded away

        var indicator = await IndicatorAsync(events);
        Assert.Null(indicator.Target);
        Assert.Empty(indicator.ProvinceTargets);
    }

    [Theory]
    [InlineData(Persona.ProvincialHaGiangVwu)]
    [InlineData(Persona.Leadership)]
    public async Task Provincial_officers_and_leadership_are_refused_the_screen_and_every_change(Persona persona)
    {
        var events = await IndicatorIdAsync("A1.EVENTS");
        var activity = await _factory.ActivityIdAsync(1);
        var client = await _factory.SignedInClientAsync(persona);
        var token = await client.GetDocumentAsync("/account");

        using var screen = await client.GetAsync(new Uri($"/admin/indicators/activities/{activity}", UriKind.Relative), Ct);
        using var save = await client.PostFormAsync($"/admin/indicators/{events}", token, new() { ["Name"] = "Đổi tên", ["Target"] = "5", ["Version"] = "1" });
        using var add = await client.PostFormAsync("/admin/indicators", token, new() { ["ActivityId"] = activity.ToString(CultureInfo.InvariantCulture), ["Name"] = "Mới" });
        using var retire = await client.PostFormAsync($"/admin/indicators/{events}/retire", token, []);

        Assert.Equal(HttpStatusCode.Forbidden, screen.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, retire.StatusCode);
        var indicator = await IndicatorAsync(events);
        Assert.Null(indicator.Target);
        Assert.False(indicator.IsRetired);
        Assert.Equal(1, indicator.Version);
    }

    [Fact]
    public async Task A_central_officer_adds_an_indicator_to_the_published_plan_which_new_progress_forms_then_offer()
    {
        var activity = await _factory.ActivityIdAsync(5);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync($"/admin/indicators/activities/{activity}");
        var form = page.QuerySelector("#add form")!;

        using var added = await central.PostFormAsync("/admin/indicators", page, new()
        {
            ["ActivityId"] = form.QuerySelector("input[name=ActivityId]")!.GetAttribute("value")!,
            ["FormToken"] = form.QuerySelector("input[name=FormToken]")!.GetAttribute("value")!,
            ["Name"] = "Số kiến nghị được cơ quan soạn thảo tiếp thu",
            ["Unit"] = nameof(IndicatorUnit.Count),
        });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var entryForm = await central.GetDocumentAsync($"/activities/{activity}/progress/new");
        Assert.Contains(entryForm.QuerySelectorAll("label"), l => l.Text().Contains("Số kiến nghị được cơ quan soạn thảo tiếp thu", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_catalogue_lists_drafts_for_those_who_draft_plans_and_links_each_activity_to_its_screen()
    {
        var draft = await _factory.WithDbAsync(async db =>
        {
            var template = await db.Plans.Include(p => p.Programme).Include(p => p.Activities).ThenInclude(a => a.Tasks).SingleAsync(p => p.Number == Scenario.Plan468, Ct);
            var plan = template.CopyForYear(2025, template.Programme, "DU-THAO/2025", new DateOnly(2025, 3, 1));
            db.Plans.Add(plan);
            await db.SaveChangesAsync(Ct);

            // Indicators travel with a copied plan as the plan editor copies them: same codes, no targets.
            var numbers = template.Activities.ToDictionary(a => a.Id, a => a.Number);
            var copies = plan.Activities.ToDictionary(a => a.Number, a => a.Id);
            var templateIds = numbers.Keys.ToList();
            foreach (var indicator in await db.Indicators.Where(i => templateIds.Contains(i.ActivityId)).ToListAsync(Ct))
            {
                db.Indicators.Add(indicator.CopyTo(copies[numbers[indicator.ActivityId]]));
            }

            await db.SaveChangesAsync(Ct);
            return plan.Id;
        });
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        var catalogue = await central.GetDocumentAsync("/admin/indicators");
        Assert.Contains(catalogue.QuerySelectorAll("#planId option"), o => o.GetAttribute("value") == draft.ToString(CultureInfo.InvariantCulture) && o.Text().Contains("dự thảo", StringComparison.Ordinal));

        var ofDraft = await central.GetDocumentAsync($"/admin/indicators?planId={draft}");
        Assert.NotNull(ofDraft.QuerySelector("[data-plan-draft]"));
        var links = ofDraft.QuerySelectorAll("a[data-edit-activity]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(7, links.Count);
        var activity3 = await _factory.WithDbAsync(db => db.Activities.Where(a => a.PlanId == draft && a.Number == 3).Select(a => a.Id).SingleAsync(Ct));
        Assert.Contains($"/admin/indicators/activities/{activity3}", links);

        // The draft's screen: a 2025 plan sets targets for the 63 units (until 30/06) and the 34 (from 01/07), each with its validity.
        var activity1 = await _factory.WithDbAsync(db => db.Activities.Where(a => a.PlanId == draft && a.Number == 1).Select(a => a.Id).SingleAsync(Ct));
        var screen = await central.GetDocumentAsync($"/admin/indicators/activities/{activity1}");
        var first = screen.QuerySelector(".indicator-editor")!;
        var units = first.QuerySelectorAll(".target-item").ToList();
        Assert.Equal(63 + 23, units.Count); // the 11 units that were not merged exist all year once
        var tuyenQuang = units.Where(u => u.GetAttribute("data-province-code") == "08").Select(u => u.QuerySelector("label")!.Text()).ToList();
        Assert.Equal(2, tuyenQuang.Count);
        Assert.Contains(tuyenQuang, t => t.Contains("đến 30/06/2025", StringComparison.Ordinal));
        Assert.Contains(tuyenQuang, t => t.Contains("từ 01/07/2025", StringComparison.Ordinal));
        Assert.StartsWith("An Giang", units[0].QuerySelector("label")!.Text(), StringComparison.Ordinal);
        Assert.Contains(screen.QuerySelectorAll("[data-plan-state]"), p => p.Text().Contains("Dự thảo", StringComparison.Ordinal));

        // A central-only activity has no province targets.
        var screen3 = await central.GetDocumentAsync($"/admin/indicators/activities/{activity3}");
        Assert.NotNull(screen3.QuerySelector("[data-central-only]"));
        Assert.Empty(screen3.QuerySelectorAll(".target-item"));
    }
}
