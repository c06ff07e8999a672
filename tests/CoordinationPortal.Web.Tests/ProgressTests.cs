using System.Net;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

public sealed class ProgressTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<ProgressEntry> EntryAsync(int id) =>
        factory.WithDbAsync(db => db.ProgressEntries.AsNoTracking().SingleAsync(e => e.Id == id, TestContext.Current.CancellationToken));

    [Fact]
    public async Task A_central_officer_adds_an_entry_that_heads_the_journal_with_author_and_agency_and_sets_the_status()
    {
        var activityId = await factory.ActivityIdAsync(3); // VWU leads, CEMA supports
        var vwu = await factory.SignedInClientAsync(Persona.CentralVwu);
        var form = await vwu.GetDocumentAsync($"/activities/{activityId}/progress/new");
        var inputs = form.QuerySelectorAll("input[name^='Values[']");
        var funds = inputs[^1].GetAttribute("name")!;

        using var added = await vwu.PostFormAsync($"/activities/{activityId}/progress/new", form, new()
        {
            ["ReportedOn"] = "15/10/2024",
            ["Status"] = "Delayed",
            ["PercentComplete"] = "30",
            ["Done"] = "Đã xây dựng dự thảo kế hoạch hội thảo.",
            ["Difficulties"] = "Chưa bố trí được kinh phí.",
            [funds] = "15.000.000",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var page = await vwu.GetDocumentAsync($"/activities/{activityId}");
        var first = page.QuerySelector(".journal-entry")!;
        Assert.Contains("15/10/2024", first.QuerySelector("h3")!.Text(), StringComparison.Ordinal);
        Assert.Contains("Hội LHPN Việt Nam", first.QuerySelector("h3")!.Text(), StringComparison.Ordinal);
        Assert.Contains("CentralVwu Test", first.Text(), StringComparison.Ordinal);
        Assert.Contains("15.000.000 ₫", first.QuerySelector(".value-list")!.Text(), StringComparison.Ordinal);
        Assert.Equal("Delayed", page.QuerySelector("[data-activity-status]")!.GetAttribute("data-activity-status"));

        var plan = await vwu.GetPlanFromHomeAsync();
        var row = plan.QuerySelector("#activities tr[data-activity-number='3']")!;
        Assert.Equal("Delayed", row.QuerySelector("[data-status]")!.GetAttribute("data-status"));
    }

    [Fact]
    public async Task An_entry_with_bad_values_is_not_saved_and_the_form_keeps_what_was_typed()
    {
        var activityId = await factory.ActivityIdAsync(1);
        var cema = await factory.SignedInClientAsync(Persona.CentralCema);
        var form = await cema.GetDocumentAsync($"/activities/{activityId}/progress/new");
        var count = await factory.WithDbAsync(db => db.ProgressEntries.CountAsync(TestContext.Current.CancellationToken));
        var indicator = form.QuerySelector("input[name^='Values[']")!.GetAttribute("name")!;

        using var response = await cema.PostFormAsync($"/activities/{activityId}/progress/new", form, new()
        {
            ["ReportedOn"] = "31/02/2024",
            ["Status"] = "OnTrack",
            ["PercentComplete"] = "140",
            ["Done"] = "Một đoạn dài đã gõ cẩn thận.",
            [indicator] = "-3",
        });

        var page = await response.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("không phải ngày hợp lệ", page.QuerySelector("[data-valmsg-for=ReportedOn]")!.Text(), StringComparison.Ordinal);
        Assert.Contains("từ 0 đến 100", page.QuerySelector("[data-valmsg-for=PercentComplete]")!.Text(), StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelector($"[data-valmsg-for='{indicator}']")!.Text());
        Assert.Equal("Một đoạn dài đã gõ cẩn thận.", page.QuerySelector("#Done")!.TextContent.Trim());
        Assert.Equal("31/02/2024", page.QuerySelector("#ReportedOn")!.GetAttribute("value"));
        Assert.Equal(count, await factory.WithDbAsync(db => db.ProgressEntries.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Another_officer_of_the_same_agency_corrects_an_entry_and_the_audit_trail_keeps_the_old_text()
    {
        var entryId = await factory.EntryAsync(Persona.CentralVwu, activityNumber: 4);
        var colleague = await factory.CreateAccountAsync(Persona.CentralVwu, email: "colleague.vwu@test.local");
        var client = factory.NewClient();
        using (await PortalFactory.SignInAsync(client, colleague.Email, colleague.Password))
        {
        }

        var form = await client.GetDocumentAsync($"/progress/{entryId}/edit");
        using var saved = await client.PostFormAsync($"/progress/{entryId}/edit", form, new()
        {
            ["Version"] = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!,
            ["ReportedOn"] = "10/06/2024",
            ["Status"] = "OnTrack",
            ["PercentComplete"] = "55",
            ["Done"] = "Đã họp Tổ giúp việc Dự án 8 hai lần.",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var entry = await EntryAsync(entryId);
        Assert.Equal((55, 2), (entry.PercentComplete, entry.Version));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == "ProgressEntry" && e.EntityId == entryId.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Action == AuditAction.Updated)
            .ToListAsync(TestContext.Current.CancellationToken));
        var done = Assert.Single(Assert.Single(audit).Changes, c => c.Field == "Done");
        Assert.Equal(("Đã họp Tổ giúp việc Dự án 8.", "Đã họp Tổ giúp việc Dự án 8 hai lần."), (done.Before, done.After));
        Assert.Equal(colleague.Email, audit[0].UserName);
    }

    [Fact]
    public async Task A_correction_from_a_stale_form_is_refused_with_the_differences()
    {
        var entryId = await factory.EntryAsync(Persona.CentralCema, activityNumber: 5);
        var first = await factory.SignedInClientAsync(Persona.CentralCema);
        var second = await factory.SignedInClientAsync(Persona.CentralCema);
        var firstForm = await first.GetDocumentAsync($"/progress/{entryId}/edit");
        var secondForm = await second.GetDocumentAsync($"/progress/{entryId}/edit");
        Dictionary<string, string> Fields(AngleSharp.Dom.IDocument form, string done) => new()
        {
            ["Version"] = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!,
            ["ReportedOn"] = "10/06/2024",
            ["Status"] = "OnTrack",
            ["PercentComplete"] = "40",
            ["Done"] = done,
        };

        using (await first.PostFormAsync($"/progress/{entryId}/edit", firstForm, Fields(firstForm, "Bản A")))
        {
        }

        using var conflict = await second.PostFormAsync($"/progress/{entryId}/edit", secondForm, Fields(secondForm, "Bản B"));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var page = await conflict.ReadDocumentAsync();
        Assert.Contains("Bản A", page.QuerySelector(".conflict-table")!.Text(), StringComparison.Ordinal);
        Assert.Equal("Bản B", page.QuerySelector("#Done")!.TextContent.Trim());
        Assert.Equal("Bản A", (await EntryAsync(entryId)).Done);
    }

    [Fact]
    public async Task A_central_officer_of_the_other_agency_cannot_correct_the_entry()
    {
        var entryId = await factory.EntryAsync(Persona.CentralVwu, activityNumber: 2);
        var cema = await factory.SignedInClientAsync(Persona.CentralCema);
        var page = await cema.GetDocumentAsync($"/activities/{await factory.ActivityIdAsync(2)}");

        Assert.Null(page.QuerySelector($"a[href='/progress/{entryId}/edit']"));
        using var response = await cema.PostFormAsync($"/progress/{entryId}/edit", page, new() { ["Done"] = "sửa trái phép", ["Version"] = "1" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Đã họp Tổ giúp việc Dự án 8.", (await EntryAsync(entryId)).Done);
    }
}
