using System.Net;
using System.Text.Json;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// A session about to end can be extended from the page, and a form posted after it ended leads,
/// through signing in again, back to the form's page (never to the POST's URL or another site).
/// </summary>
public sealed class SessionExpiryTests : IAsyncDisposable
{
    private const string KeepAlive = "/account/session/keep-alive";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly PortalFactory _factory = new();

    public SessionExpiryTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> KeepAliveAsync(HttpClient client, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, KeepAlive);
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        request.Content = new FormUrlEncodedContent(token is null ? [] : new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        return await client.SendAsync(request, Ct);
    }

    private static async Task<int> SecondsLeftAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("secondsLeft").GetInt32();
    }

    [Fact]
    public async Task Every_signed_in_page_says_how_long_its_session_has_and_when_to_warn()
    {
        var client = await _factory.SignedInClientAsync(Persona.CentralVwu);
        _clock.Advance(TimeSpan.FromMinutes(10));

        // Ten minutes on, the account check renews the session: the page has the full 30 minutes again...
        var page = await client.GetDocumentAsync("/plans");
        Assert.Equal("1800", page.Body!.GetAttribute("data-session-left"));

        // ...and 30 seconds later nothing renews it: the next page counts down from there.
        _clock.Advance(TimeSpan.FromSeconds(30));
        page = await client.GetDocumentAsync("/plans");
        Assert.InRange(int.Parse(page.Body!.GetAttribute("data-session-left")!, System.Globalization.CultureInfo.InvariantCulture), 1765, 1770);
        Assert.Equal("300", page.Body.GetAttribute("data-session-warn"));
        Assert.NotNull(page.QuerySelector("dialog#session-dialog form[action='/account/session/keep-alive'] input[name=__RequestVerificationToken]"));
        Assert.Contains("Tiếp tục làm việc", page.QuerySelector("dialog#session-dialog")!.Text(), StringComparison.Ordinal);

        var signedOut = await _factory.NewClient().GetDocumentAsync("/account/sign-in");
        Assert.True(string.IsNullOrEmpty(signedOut.Body!.GetAttribute("data-session-left")), signedOut.Body.OuterHtml[..200]);
        Assert.Null(signedOut.QuerySelector("#session-dialog"));
    }

    [Fact]
    public async Task Keep_working_extends_the_session_beyond_its_first_idle_timeout()
    {
        var client = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await client.GetDocumentAsync("/plans");
        var token = page.QuerySelector("dialog#session-dialog input[name=__RequestVerificationToken]")!.GetAttribute("value");

        _clock.Advance(TimeSpan.FromMinutes(10));
        using var kept = await KeepAliveAsync(client, token);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(30 * 60, await SecondsLeftAsync(kept));

        // 35 minutes after signing in, 25 after "Tiếp tục làm việc": still signed in.
        _clock.Advance(TimeSpan.FromMinutes(25));
        using var later = await client.GetAsync(new Uri("/plans", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.UserSessions.CountAsync(s => s.ExpiresAtUtc > _clock.GetUtcNow().UtcDateTime.AddMinutes(4), Ct)));
    }

    [Fact]
    public async Task Asking_how_long_is_left_does_not_keep_an_idle_session_alive()
    {
        var client = await _factory.SignedInClientAsync(Persona.CentralVwu);
        _clock.Advance(TimeSpan.FromMinutes(20)); // past half: any other request would renew it now

        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/session/status");
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        using var status = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.InRange(await SecondsLeftAsync(status), 595, 600);

        _clock.Advance(TimeSpan.FromMinutes(11));
        using var after = await client.GetAsync(new Uri("/plans", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/account/session/status");
        again.Headers.Add("X-Requested-With", "XMLHttpRequest");
        using var ended = await client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, ended.StatusCode);
    }

    [Fact]
    public async Task Keep_working_needs_the_form_token_and_a_session()
    {
        var client = await _factory.SignedInClientAsync(Persona.CentralCema);

        using var noToken = await KeepAliveAsync(client, token: null);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        var token = (await client.GetDocumentAsync("/plans")).QuerySelector("dialog#session-dialog input[name=__RequestVerificationToken]")!.GetAttribute("value");
        _clock.Advance(TimeSpan.FromMinutes(31));
        using var ended = await KeepAliveAsync(client, token);
        Assert.Equal(HttpStatusCode.Unauthorized, ended.StatusCode);

        // An ended session stays ended: keeping it alive did not bring it back.
        using var after = await client.GetAsync(new Uri("/plans", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task A_background_save_says_how_long_the_session_now_has()
    {
        var client = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var token = (await client.GetDocumentAsync("/plans")).AntiforgeryToken();
        _clock.Advance(TimeSpan.FromMinutes(12));

        using var kept = await KeepAliveAsync(client, token);

        Assert.Equal("1800", kept.Headers.GetValues("X-Session-Left").Single());
    }

    /// <summary>
    /// A POST renews the session (a write of its UserSessions row) at most once a minute: saves in
    /// quick succession cost one session write, the idle timeout then counts from that renewal, and a
    /// session ended elsewhere is refused at once all the same (its row is read on every request).
    /// </summary>
    [Fact]
    public async Task Posts_within_a_minute_renew_the_session_once_and_an_ended_session_is_still_refused_at_once()
    {
        var client = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var token = (await client.GetDocumentAsync("/plans")).AntiforgeryToken();
        Task<List<DateTime>> LastSeenAsync() => _factory.WithDbAsync(db => db.UserSessions.Select(s => s.LastSeenAtUtc).ToListAsync(Ct));

        _clock.Advance(TimeSpan.FromMinutes(5));
        var renewedAt = _clock.GetUtcNow().UtcDateTime;
        using (var first = await KeepAliveAsync(client, token))
        {
            Assert.Equal(30 * 60, await SecondsLeftAsync(first));
        }

        Assert.Equal([renewedAt], await LastSeenAsync());

        // 40 seconds on: no write, and the page is told the expiry counted from the renewal.
        _clock.Advance(TimeSpan.FromSeconds(40));
        using (var second = await KeepAliveAsync(client, token))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            // (the ticket keeps its times in whole seconds)
            Assert.InRange(await SecondsLeftAsync(second), (30 * 60) - 41, (30 * 60) - 40);
            Assert.InRange(int.Parse(second.Headers.GetValues("X-Session-Left").Single(), System.Globalization.CultureInfo.InvariantCulture), 1759, 1760);
        }

        Assert.Equal([renewedAt], await LastSeenAsync());

        // A minute after the renewal the next POST renews again.
        _clock.Advance(TimeSpan.FromSeconds(25));
        using (var third = await KeepAliveAsync(client, token))
        {
            Assert.Equal(30 * 60, await SecondsLeftAsync(third));
        }

        Assert.Equal([_clock.GetUtcNow().UtcDateTime], await LastSeenAsync());

        // Signed out everywhere (the rows deleted) a second later: the next POST is refused, not renewed.
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _factory.WithDbAsync(db => db.UserSessions.ExecuteDeleteAsync(Ct));
        using var ended = await KeepAliveAsync(client, token);
        Assert.Equal(HttpStatusCode.Unauthorized, ended.StatusCode);
        Assert.Empty(await LastSeenAsync());
    }

    [Fact]
    public async Task An_idle_session_ends_its_idle_timeout_after_the_last_renewal_even_with_posts_in_between()
    {
        var client = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var token = (await client.GetDocumentAsync("/plans")).AntiforgeryToken();
        _clock.Advance(TimeSpan.FromMinutes(5));
        using (await KeepAliveAsync(client, token))
        {
        }

        _clock.Advance(TimeSpan.FromSeconds(30)); // a POST that does not renew
        using (await KeepAliveAsync(client, token))
        {
        }

        // 30 minutes after the renewal (29.5 after the last POST) the session has ended.
        _clock.Advance(TimeSpan.FromMinutes(29) + TimeSpan.FromSeconds(31));
        using var after = await client.GetAsync(new Uri("/plans", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task A_form_posted_after_the_session_ended_leads_back_to_the_page_it_was_on()
    {
        var account = await _factory.AccountAsync(Persona.ProvincialHaGiangVwu);
        var client = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var mine = await client.GetDocumentAsync("/reports/mine");
        _clock.Advance(TimeSpan.FromMinutes(31));

        // "/reports/start" answers only a POST: signing in must not lead there.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/reports/start");
        request.Headers.Referrer = new Uri(PortalFactory.BaseAddress, "/reports/mine?plan=1");
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = mine.AntiforgeryToken() });
        using var posted = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var signIn = posted.Headers.Location!.OriginalString;
        Assert.Equal("/account/sign-in?returnUrl=%2Freports%2Fmine%3Fplan%3D1&expired=1", signIn);

        var page = await client.GetDocumentAsync(signIn);
        Assert.Contains("Phiên làm việc đã hết hạn", page.QuerySelector("[data-session-expired]")!.Text(), StringComparison.Ordinal);

        using var again = await client.PostFormAsync(signIn, page, new() { ["Email"] = account.Email, ["Password"] = account.Password });
        Assert.Equal("/reports/mine?plan=1", PortalFactory.LandedOn(again));
    }

    [Theory]
    [InlineData("https://evil.example/reports/mine")]
    [InlineData("https://portal.test//evil.example/x")]
    [InlineData("http://portal.test/reports/mine")]
    [InlineData("not a url")]
    [InlineData(null)]
    public async Task A_form_posted_after_the_session_ended_never_leads_off_the_portal(string? referer)
    {
        var client = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var mine = await client.GetDocumentAsync("/reports/mine");
        _clock.Advance(TimeSpan.FromMinutes(31));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/reports/start");
        if (referer is not null)
        {
            request.Headers.TryAddWithoutValidation("Referer", referer);
        }

        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = mine.AntiforgeryToken() });
        using var posted = await client.SendAsync(request, Ct);

        Assert.Equal("/account/sign-in?returnUrl=%2F&expired=1", posted.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_page_opened_after_the_session_ended_returns_there_and_someone_never_signed_in_is_not_told_it_ended()
    {
        var client = await _factory.SignedInClientAsync(Persona.CentralVwu);
        _clock.Advance(TimeSpan.FromMinutes(31));

        using var ended = await client.GetAsync(new Uri("/plans?x=1", UriKind.Relative), Ct);
        Assert.Equal("/account/sign-in?returnUrl=%2Fplans%3Fx%3D1&expired=1", ended.Headers.Location!.OriginalString);

        using var stranger = await _factory.NewClient().GetAsync(new Uri("/plans", UriKind.Relative), Ct);
        Assert.Equal("/account/sign-in?returnUrl=%2Fplans", stranger.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Each_account_has_its_own_draft_key_and_keeps_it_from_one_session_to_the_next()
    {
        var activityId = await _factory.WithDbAsync(db => db.Activities.Where(a => a.Number == 1).Select(a => a.Id).FirstAsync(Ct));
        var url = $"/activities/{activityId}/progress/new";

        var vwu = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var first = (await vwu.GetDocumentAsync(url)).QuerySelector("form[data-draft]")!.GetAttribute("data-draft");
        var vwuAgain = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var second = (await vwuAgain.GetDocumentAsync(url)).QuerySelector("form[data-draft]")!.GetAttribute("data-draft");
        var cema = await _factory.SignedInClientAsync(Persona.CentralCema);
        var other = (await cema.GetDocumentAsync(url)).QuerySelector("form[data-draft]")!.GetAttribute("data-draft");

        Assert.Equal(32, Convert.FromBase64String(first!.Replace('-', '+').Replace('_', '/') + "=").Length);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);

        // Kept encrypted, never as the key itself.
        var stored = await _factory.WithDbAsync(db => db.UserTokens.Where(t => t.Name == "DraftKey").Select(t => t.Value).ToListAsync(Ct));
        Assert.Equal(2, stored.Count);
        Assert.DoesNotContain(first, stored);
    }
}
