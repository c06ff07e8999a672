using System.Net;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Sessions end on the server: a copied cookie is worth nothing once its owner signed out, and
/// "sign out everywhere" ends the sessions of every other browser too.
/// </summary>
public sealed class SessionTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly PortalFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_session_cookie_kept_from_before_sign_out_no_longer_opens_any_page()
    {
        var account = await _factory.AccountAsync(Persona.CentralVwu);
        var client = _factory.NewClient();
        using var signedIn = await PortalFactory.SignInAsync(client, account.Email, account.Password);
        var stolen = SessionCookie(signedIn);
        using (var before = await Replay(stolen, "/account"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode); // the copy works while the session lives
        }

        using var signedOut = await client.PostFormAsync("/account/sign-out", await client.GetDocumentAsync("/account"), []);
        Assert.Equal("/account/sign-in", PortalFactory.LandedOn(signedOut));

        using var after = await Replay(stolen, "/account");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/sign-in", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(await _factory.WithDbAsync(db => db.UserSessions.AnyAsync(s => s.UserId == account.Id, Ct)));
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_sessions_of_every_browser_of_that_person_and_no_one_elses()
    {
        var office = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var phone = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var colleague = await _factory.SignedInClientAsync(Persona.CentralVwu);

        // The account page lists both sessions and marks the one in use.
        var page = await phone.GetDocumentAsync("/account");
        Assert.Equal(2, page.QuerySelectorAll("[data-session]").Length);
        Assert.Single(page.QuerySelectorAll("[data-current-session]"));

        using var ended = await phone.PostFormAsync("/account/sign-out-everywhere", page, []);
        Assert.Equal("/account/sign-in", PortalFactory.LandedOn(ended));
        var signIn = await phone.GetDocumentAsync("/account/sign-in");
        Assert.Contains("Đã đăng xuất khỏi mọi thiết bị", signIn.Body!.TextContent, StringComparison.Ordinal);

        foreach (var client in new[] { office, phone })
        {
            using var response = await client.GetAsync(new Uri("/reports/mine", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        using (var other = await colleague.GetAsync(new Uri("/account", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        var account = await _factory.AccountAsync(Persona.ProvincialHaGiangVwu);
        Assert.True(await _factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.SignedOutEverywhere && e.UserId == account.Id, Ct)));
    }

    [Fact]
    public async Task A_session_past_its_expiry_is_refused_even_if_its_row_was_not_pruned_yet()
    {
        var client = await _factory.SignedInClientAsync(Persona.Leadership);
        var account = await _factory.AccountAsync(Persona.Leadership);
        await _factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE UserSessions SET ExpiresAtUtc = '2000-01-01 00:00:00' WHERE UserId = {0}", [account.Id], Ct));

        using var response = await client.GetAsync(new Uri("/dashboard", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_at_once_and_keeps_the_one_that_changed_it()
    {
        var account = await _factory.AccountAsync(Persona.CentralCema);
        var desk = await _factory.SignedInClientAsync(Persona.CentralCema);
        var forgotten = await _factory.SignedInClientAsync(Persona.CentralCema);

        using var changed = await desk.PostFormAsync("/account/change-password", await desk.GetDocumentAsync("/account/change-password"), new()
        {
            ["CurrentPassword"] = account.Password,
            ["NewPassword"] = "một mật khẩu mới đủ dài 2026",
            ["ConfirmPassword"] = "một mật khẩu mới đủ dài 2026",
        });
        Assert.Equal("/", PortalFactory.LandedOn(changed));

        using (var kept = await desk.GetAsync(new Uri("/account", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        }

        // Not "within a minute" (the security stamp check): now.
        using var other = await forgotten.GetAsync(new Uri("/account", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == account.Id, Ct)));
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Last(c => c.StartsWith("portal.session=", StringComparison.Ordinal));

    private async Task<HttpResponseMessage> Replay(string cookie, string url)
    {
        using var stranger = _factory.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return await stranger.SendAsync(request, Ct);
    }
}
