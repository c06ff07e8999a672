using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>What an administrator does on the account pages, through the pages themselves.</summary>
public sealed class AdminAccountsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string OptionValue(IDocument page, string select, string label) =>
        page.QuerySelectorAll($"#{select} option").First(o => o.Text().StartsWith(label, StringComparison.Ordinal)).GetAttribute("value")!;

    private async Task<(HttpClient Admin, IDocument Form)> NewAccountFormAsync()
    {
        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        return (admin, await admin.GetDocumentAsync("/admin/users/new"));
    }

    [Fact]
    public async Task An_administrator_creates_a_provincial_officer_who_signs_in_with_the_one_time_password()
    {
        var (admin, form) = await NewAccountFormAsync();

        using var created = await admin.PostFormAsync("/admin/users/new", form, new()
        {
            ["FullName"] = "Lò Thị Mai",
            ["Email"] = "mai.lo@hagiang.test",
            ["Role"] = "ProvincialOfficer",
            ["AgencyId"] = OptionValue(form, "AgencyId", "Hội LHPN"),
            ["ProvinceId"] = OptionValue(form, "ProvinceId", "Tuyên Quang"), // a unit of today: Hà Giang merged into it
        });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var password = (await created.ReadDocumentAsync()).QuerySelector("[data-temporary-password]")!.Text();
        var user = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "mai.lo@hagiang.test", TestContext.Current.CancellationToken));
        Assert.Equal(PortalRole.ProvincialOfficer, user.Role);
        Assert.True(user.MustChangePassword);

        var client = factory.NewClient();
        using var signIn = await PortalFactory.SignInAsync(client, "mai.lo@hagiang.test", password);
        Assert.Equal("/", PortalFactory.LandedOn(signIn));
        using var next = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("/account/change-password", next.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_provincial_officer_without_a_province_is_refused_and_the_form_keeps_what_was_typed()
    {
        var (admin, form) = await NewAccountFormAsync();

        using var response = await admin.PostFormAsync("/admin/users/new", form, new()
        {
            ["FullName"] = "Hoàng Văn Sơn",
            ["Email"] = "son.hoang@caobang.test",
            ["Role"] = "ProvincialOfficer",
            ["AgencyId"] = OptionValue(form, "AgencyId", "Hội LHPN"),
        });

        var page = await response.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cán bộ tỉnh cần chọn cả cơ quan và tỉnh", page.QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
        Assert.Equal("Hoàng Văn Sơn", page.QuerySelector("#FullName")!.GetAttribute("value"));
        Assert.Equal("son.hoang@caobang.test", page.QuerySelector("#Email")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#role-ProvincialOfficer[checked]"));
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "son.hoang@caobang.test", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Search_finds_Vietnamese_names_with_or_without_diacritics()
    {
        await factory.CreateAccountAsync(Persona.ProvincialHaGiangVwu, email: "search.hagiang@test.local");
        await factory.CreateAccountAsync(Persona.ProvincialCaoBangCema, email: "search.caobang@test.local");
        var admin = await factory.SignedInClientAsync(Persona.Administrator);

        foreach (var query in new[] { "ha giang", "Hà Giang", "HA GIANG" })
        {
            var page = await admin.GetDocumentAsync($"/admin/users?q={Uri.EscapeDataString(query)}");
            var emails = page.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-user-email")).ToList();
            Assert.Contains("search.hagiang@test.local", emails);
            Assert.DoesNotContain("search.caobang@test.local", emails);
        }

        var leaders = await admin.GetDocumentAsync("/admin/users?role=Leadership");
        Assert.All(leaders.QuerySelectorAll("tbody tr"), r => Assert.Equal("Lãnh đạo", r.QuerySelectorAll("td")[2].Text()));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_until_it_is_enabled_again()
    {
        var target = await factory.CreateAccountAsync(Persona.CentralVwu, email: "disable-me@test.local");
        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var edit = await admin.GetDocumentAsync($"/admin/users/{target.Id}");

        using var disabled = await admin.PostFormAsync($"/admin/users/{target.Id}/disable", edit, new() { ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        using (var refused = await PortalFactory.SignInAsync(factory.NewClient(), target.Email, target.Password))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        var page = await admin.GetDocumentAsync($"/admin/users/{target.Id}");
        Assert.Equal("disabled", page.QuerySelector("[data-account-status]")!.GetAttribute("data-account-status"));
        using var enabled = await admin.PostFormAsync($"/admin/users/{target.Id}/enable", page, []);
        using var accepted = await PortalFactory.SignInAsync(factory.NewClient(), target.Email, target.Password);
        Assert.Equal("/", PortalFactory.LandedOn(accepted));
    }

    [Fact]
    public async Task A_password_reset_replaces_the_password_with_a_one_time_password()
    {
        var target = await factory.CreateAccountAsync(Persona.Leadership, email: "reset-me@test.local");
        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var edit = await admin.GetDocumentAsync($"/admin/users/{target.Id}");

        using var reset = await admin.PostFormAsync($"/admin/users/{target.Id}/reset-password", edit, new() { ["Confirmed"] = "true" });
        var temporary = (await reset.ReadDocumentAsync()).QuerySelector("[data-temporary-password]")!.Text();

        using (var old = await PortalFactory.SignInAsync(factory.NewClient(), target.Email, target.Password))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        }

        var client = factory.NewClient();
        using var fresh = await PortalFactory.SignInAsync(client, target.Email, temporary);
        using var next = await client.GetAsync(new Uri("/plans", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("/account/change-password", next.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_administrator_cannot_disable_their_own_account()
    {
        var self = await factory.AccountAsync(Persona.Administrator);
        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var edit = await admin.GetDocumentAsync($"/admin/users/{self.Id}");
        Assert.Null(edit.QuerySelector($"form[action='/admin/users/{self.Id}/disable']"));

        using var response = await admin.PostFormAsync($"/admin/users/{self.Id}/disable", edit, []);
        var page = await admin.GetDocumentAsync($"/admin/users/{self.Id}");

        Assert.Equal("active", page.QuerySelector("[data-account-status]")!.GetAttribute("data-account-status"));
    }

    [Fact]
    public async Task Fields_the_form_does_not_offer_cannot_be_posted()
    {
        var target = await factory.CreateAccountAsync(Persona.CentralCema, email: "overpost@test.local");
        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var edit = await admin.GetDocumentAsync($"/admin/users/{target.Id}");

        using var response = await admin.PostFormAsync($"/admin/users/{target.Id}", edit, new()
        {
            ["FullName"] = "Overpost Test",
            ["Email"] = target.Email,
            ["Role"] = "CentralOfficer",
            ["AgencyId"] = OptionValue(edit, "AgencyId", "Bộ Dân tộc"),
            ["IsActive"] = "false",
            ["MustChangePassword"] = "true",
            ["TwoFactorEnabled"] = "true",
            ["EmailConfirmed"] = "false",
            ["Id"] = "someone-else",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var user = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == target.Id, TestContext.Current.CancellationToken));
        Assert.Equal("Overpost Test", user.FullName);
        Assert.True(user.IsActive);
        Assert.False(user.MustChangePassword);
        Assert.False(user.TwoFactorEnabled);
        Assert.True(user.EmailConfirmed);
    }
}

public sealed class LastAdministratorTests
{
    [Fact]
    public async Task The_only_administrator_cannot_be_demoted()
    {
        await using var factory = new PortalFactory();
        var self = await factory.AccountAsync(Persona.Administrator);
        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var edit = await admin.GetDocumentAsync($"/admin/users/{self.Id}");

        using var response = await admin.PostFormAsync($"/admin/users/{self.Id}", edit, new()
        {
            ["FullName"] = "Administrator Test",
            ["Email"] = self.Email,
            ["Role"] = "Leadership",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ít nhất một quản trị viên", (await response.ReadDocumentAsync()).QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
        Assert.Equal(PortalRole.Administrator, await factory.WithDbAsync(db => db.Users.Where(u => u.Id == self.Id).Select(u => u.Role).SingleAsync(TestContext.Current.CancellationToken)));

        // Saying "I confirm" does not help: there is nobody to hand the portal to.
        using var confirmed = await admin.PostFormAsync($"/admin/users/{self.Id}", edit, new()
        {
            ["FullName"] = "Administrator Test",
            ["Email"] = self.Email,
            ["Role"] = "Leadership",
            ["ConfirmSelfDemotion"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("ít nhất một quản trị viên", (await confirmed.ReadDocumentAsync()).QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
        Assert.Equal(PortalRole.Administrator, await factory.WithDbAsync(db => db.Users.Where(u => u.Id == self.Id).Select(u => u.Role).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task An_administrator_gives_up_their_own_role_only_after_confirming_it_on_the_server()
    {
        await using var factory = new PortalFactory();
        var self = await factory.AccountAsync(Persona.Administrator);
        await factory.CreateAccountAsync(Persona.Administrator, email: "second.admin@test.local");
        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var url = $"/admin/users/{self.Id}";
        var edit = await admin.GetDocumentAsync(url);
        var fields = FormFields.Of(edit, $"form[action='{url}']").With(("Role", "Leadership"));

        // The first save only asks, naming who keeps the portal; nothing changes yet.
        using var asked = await admin.PostFormAsync(url, edit, fields);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirmation = await asked.ReadDocumentAsync();
        Assert.Contains("second.admin@test.local", confirmation.QuerySelector("[data-confirm-self-demotion]")!.Text(), StringComparison.Ordinal);
        Assert.Equal(PortalRole.Administrator, await RoleAsync(factory, self.Id));
        using (var stillAdmin = await admin.GetAsync(new Uri("/admin/users", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, stillAdmin.StatusCode);
        }

        // The confirmation page's own form saves it, and the session takes the new role at once.
        using var confirmed = await admin.PostFormAsync(url, confirmation, FormFields.Of(confirmation, $"form[action='{url}']"));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("/", PortalFactory.LandedOn(confirmed));
        Assert.Equal(PortalRole.Leadership, await RoleAsync(factory, self.Id));
        using var now = await admin.GetAsync(new Uri("/admin/users", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, now.StatusCode);
    }

    [Fact]
    public async Task Demoting_another_administrator_needs_no_extra_step()
    {
        await using var factory = new PortalFactory();
        var other = await factory.CreateAccountAsync(Persona.Administrator, email: "other.admin@test.local");
        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var url = $"/admin/users/{other.Id}";
        var edit = await admin.GetDocumentAsync(url);

        using var saved = await admin.PostFormAsync(url, edit, FormFields.Of(edit, $"form[action='{url}']").With(("Role", "Leadership")));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(PortalRole.Leadership, await RoleAsync(factory, other.Id));
    }

    private static Task<PortalRole> RoleAsync(PortalFactory factory, string id) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Role).SingleAsync(TestContext.Current.CancellationToken));
}
