using System.Net;
using CoordinationPortal.Web.Tests.Infrastructure;

namespace CoordinationPortal.Web.Tests;

public sealed class StaticAssetTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Every_stylesheet_script_and_icon_the_layout_links_is_served_by_the_app_itself()
    {
        var client = factory.NewClient();
        var page = await client.GetDocumentAsync("/account/sign-in");

        var assets = page.QuerySelectorAll("link[rel=stylesheet], link[rel=icon]").Select(l => l.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
            .ToList();

        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            Assert.StartsWith("/", asset, StringComparison.Ordinal); // never another host: no CDN
            // Ask as a browser does: the app then picks a pre-compressed copy, which must exist too.
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(asset, UriKind.Relative));
            request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} gave {(int)response.StatusCode}");
            Assert.NotNull(response.Content.Headers.ContentType);
            Assert.True(body.Length > 0, $"{asset} came back empty");
        }
    }
}
