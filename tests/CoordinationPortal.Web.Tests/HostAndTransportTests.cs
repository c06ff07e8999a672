using System.Net;
using System.Security.Cryptography.X509Certificates;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Production answers only to its own host names, only over HTTPS (directly or from a listed proxy),
/// and says so clearly when it is reached any other way, without naming its server software.
/// </summary>
public sealed class HostAndTransportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_for_another_host_name_is_refused_with_400_and_never_redirected_there()
    {
        await using var portal = new PortalFactory();
        portal.Settings["https_port"] = "443"; // so that plain HTTP is redirected to HTTPS, as on a server with both
        var client = portal.NewClient();

        foreach (var url in new[] { "https://evil.example/", "http://evil.example/", "https://evil.example/account/sign-in?returnUrl=%2Fadmin" })
        {
            using var response = await client.GetAsync(new Uri(url), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
        }

        // The portal's own name is served as usual: to the sign-in page, and from HTTP to HTTPS.
        using (var own = await client.GetAsync(new Uri("https://portal.test/"), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
            Assert.StartsWith("/account/sign-in", own.Headers.Location!.IsAbsoluteUri ? own.Headers.Location.PathAndQuery : own.Headers.Location.OriginalString, StringComparison.Ordinal);
            Assert.True(!own.Headers.Location.IsAbsoluteUri || own.Headers.Location.Host == "portal.test", own.Headers.Location.ToString());
        }

        using var http = await client.GetAsync(new Uri("http://portal.test/plans"), Ct);
        Assert.Equal(new Uri("https://portal.test/plans"), http.Headers.Location);
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    public async Task Production_does_not_start_without_the_host_names_it_answers_to(string allowedHosts)
    {
        await using var portal = new PortalFactory();
        portal.Settings["AllowedHosts"] = allowedHosts;

        var thrown = Assert.ThrowsAny<Exception>(() => portal.Services);

        Assert.Contains("AllowedHosts", thrown.ToString(), StringComparison.Ordinal);
        Assert.Contains("portal.example.gov.vn", thrown.ToString(), StringComparison.Ordinal); // an example of what to set
    }

    [Fact]
    public async Task Responses_do_not_name_the_server_software()
    {
        await using var portal = new PortalFactory();
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(TestCertificate.Path, TestCertificate.Password);
        portal.UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        portal.StartServer();
        using var client = KestrelClient(portal);

        foreach (var path in new[] { "/account/sign-in", "/no-such-page", "/health/live" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Host = "portal.test";
            using var response = await client.SendAsync(request, Ct);
            Assert.NotEqual(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.False(response.Headers.Contains("Server"), $"{path}: Server: {string.Join(", ", response.Headers.Server)}");
        }
    }

    [Fact]
    public async Task Over_plain_HTTP_production_answers_with_a_page_that_says_HTTPS_is_required_instead_of_a_500()
    {
        await using var portal = new PortalFactory();
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://portal.test"), AllowAutoRedirect = false });

        using var page = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Ct);
        using var post = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "a@b.test", ["Password"] = "x" }), Ct);

        foreach (var response in new[] { page, post })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains("HTTPS", text, StringComparison.Ordinal);
            Assert.Contains("chỉ hoạt động qua HTTPS", text, StringComparison.Ordinal);
        }

        // A monitor on the server itself may still ask whether the portal is alive.
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Production_on_plain_HTTP_without_a_listed_proxy_does_not_start_and_says_what_to_configure()
    {
        await using var portal = new PortalFactory();
        portal.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

        var thrown = Assert.ThrowsAny<Exception>(portal.StartServer);

        Assert.Contains("ForwardedHeaders:KnownProxies", thrown.ToString(), StringComparison.Ordinal);
        Assert.Contains("HTTPS", thrown.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_a_listed_proxy_plain_HTTP_works_when_the_proxy_says_the_client_used_HTTPS()
    {
        await using var portal = new PortalFactory();
        portal.Settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        portal.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        portal.StartServer();
        using var client = KestrelClient(portal);

        using var forwarded = new HttpRequestMessage(HttpMethod.Get, new Uri("/account/sign-in", UriKind.Relative));
        forwarded.Headers.Host = "portal.test";
        forwarded.Headers.Add("X-Forwarded-Proto", "https");
        using var withProto = await client.SendAsync(forwarded, Ct);
        Assert.Equal(HttpStatusCode.OK, withProto.StatusCode);

        // A proxy that does not say so gets the page that tells the operator what is missing.
        using var bare = new HttpRequestMessage(HttpMethod.Get, new Uri("/account/sign-in", UriKind.Relative));
        bare.Headers.Host = "portal.test";
        using var withoutProto = await client.SendAsync(bare, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, withoutProto.StatusCode);
        Assert.Contains("X-Forwarded-Proto", await withoutProto.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    /// <summary>A client to the app's Kestrel port; the certificate is the test run's own.</summary>
    private static HttpClient KestrelClient(PortalFactory portal)
    {
        var address = portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var handler = new HttpClientHandler { AllowAutoRedirect = false, ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = new Uri(address) };
    }
}
