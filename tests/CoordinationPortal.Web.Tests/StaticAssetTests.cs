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

            // Fingerprinted, which production serves as immutable for a year: a slow link fetches each file once per version.
            Assert.Matches(@"\.[a-z0-9]{8,}\.(css|js|svg)$", asset);
            Assert.NotNull(response.Content.Headers.ContentType);
            Assert.True(body.Length > 0, $"{asset} came back empty");
        }
    }

    /// <summary>
    /// The "~/" tag helper is switched off (ADR 0065): an address written "~/..." in an attribute
    /// would reach the browser as written and lead nowhere. Views write @Url.Content("~/...").
    /// </summary>
    [Fact]
    public void No_view_writes_a_tilde_address_that_the_browser_would_get_as_written()
    {
        var web = Path.Combine(Repository.Root, "src", "CoordinationPortal.Web");
        var written = new System.Text.RegularExpressions.Regex("""=\s*"~/""");
        var offenders = Directory.EnumerateFiles(web, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetRelativePath(web, f), Line: i + 1, Text: line)))
            .Where(l => written.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}")
            .ToList();

        Assert.True(offenders.Count == 0, "written as \"~/\": " + string.Join(", ", offenders));
    }
}
