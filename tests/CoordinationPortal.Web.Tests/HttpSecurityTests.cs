using System.Net;
using CoordinationPortal.Web.Tests.Infrastructure;

namespace CoordinationPortal.Web.Tests;

/// <summary>Headers, cookies and antiforgery: what protects every page whatever it shows.</summary>
public sealed class HttpSecurityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : string.Empty;

    [Fact]
    public async Task Pages_carry_the_security_headers_and_are_not_stored_by_caches()
    {
        var client = await factory.SignedInClientAsync(Persona.Leadership);

        using var response = await client.GetAsync(new Uri("/plans", UriKind.Relative), TestContext.Current.CancellationToken);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Equal("max-age=31536000", Header(response, "Strict-Transport-Security"));
        Assert.Contains("no-store", Header(response, "Cache-Control"), StringComparison.Ordinal);
        Assert.Contains("private", Header(response, "Cache-Control"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_pages_carry_the_security_headers_too()
    {
        using var response = await factory.NewClient().GetAsync(new Uri("/no-such-page", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_secure_and_same_site()
    {
        var account = await factory.AccountAsync(Persona.CentralVwu);
        var client = factory.NewClient();

        using var response = await PortalFactory.SignInAsync(client, account.Email, account.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("expires=", cookie, StringComparison.Ordinal); // ends with the browser session or 30 idle minutes
    }

    [Theory]
    [InlineData("/culture", false)]
    [InlineData("/account/sign-in", false)]
    [InlineData("/account/sign-out", true)]
    [InlineData("/admin/users/new", true)]
    public async Task A_post_without_an_antiforgery_token_is_refused_with_400(string url, bool signedIn)
    {
        var client = signedIn ? await factory.SignedInClientAsync(Persona.Administrator) : factory.NewClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["FullName"] = "X" });

        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Yêu cầu không hợp lệ", (await response.ReadDocumentAsync()).QuerySelector("h1")!.Text());
    }

    [Fact]
    public async Task No_page_has_inline_script_or_style_that_the_policy_would_block()
    {
        var client = await factory.SignedInClientAsync(Persona.Administrator);
        string[] pages = ["/", "/plans", "/account", "/account/change-password", "/account/two-factor", "/admin/users", "/admin/users/new", "/audit"];

        foreach (var url in pages)
        {
            var page = await client.GetDocumentAsync(url);
            Assert.Empty(page.QuerySelectorAll("script:not([src])"));
            Assert.Empty(page.QuerySelectorAll("[style]"));
            Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Fingerprinted_assets_stay_cacheable_for_signed_in_users()
    {
        var client = await factory.SignedInClientAsync(Persona.CentralCema);
        var page = await client.GetDocumentAsync("/plans");
        var css = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        using var response = await client.GetAsync(new Uri(css, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("no-store", Header(response, "Cache-Control"), StringComparison.Ordinal);
    }
}
