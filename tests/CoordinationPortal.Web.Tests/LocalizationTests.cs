using System.Net;
using CoordinationPortal.Web.Tests.Infrastructure;

namespace CoordinationPortal.Web.Tests;

public sealed class LocalizationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static async Task<HttpResponseMessage> SwitchLanguageAsync(HttpClient client, string culture, string returnUrl)
    {
        var page = await client.GetDocumentAsync("/plans");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = culture,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = page.AntiforgeryToken(),
        });
        return await client.PostAsync(new Uri("/culture", UriKind.Relative), form, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_English_switch_changes_the_UI_text_and_is_remembered()
    {
        var client = await factory.SignedInClientAsync(Persona.CentralVwu, followRedirects: true);

        using var switched = await SwitchLanguageAsync(client, "en", "/plans");
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode); // followed the redirect back to /plans
        var plans = await switched.ReadDocumentAsync();
        Assert.Equal("en", plans.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Plans", plans.QuerySelector("h1")!.Text());

        // The cookie keeps the choice on the next page.
        var plan = await client.GetPlanFromHomeAsync();
        Assert.Equal("PLAN", plan.QuerySelector(".document-type")!.Text());
        Assert.Contains("Timeframe", plan.QuerySelector("#activities thead")!.Text(), StringComparison.Ordinal);
        Assert.Equal("Q4 2024 (expected October 2024)", plan.QuerySelectorAll("#activities tbody tr")[2].QuerySelectorAll("td")[2].Text());

        // Formats stay Vietnamese: dates are dd/MM/yyyy in English too.
        Assert.Contains("Hà Nội, 21/03/2024", plan.QuerySelector(".document-dateline")!.Text(), StringComparison.Ordinal);

        using var back = await SwitchLanguageAsync(client, "vi-VN", "/plans");
        Assert.Equal("Các kế hoạch", (await back.ReadDocumentAsync()).QuerySelector("h1")!.Text());
    }

    [Fact]
    public async Task The_switch_never_redirects_to_another_site()
    {
        var client = await factory.SignedInClientAsync(Persona.Leadership);

        using var response = await SwitchLanguageAsync(client, "en", "https://evil.example/phish");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public void Every_UI_string_has_a_Vietnamese_and_an_English_text()
    {
        var vi = ResourceKeys("vi");
        var en = ResourceKeys("en");

        Assert.Equal(vi.Keys.Order(StringComparer.Ordinal), en.Keys.Order(StringComparer.Ordinal));
        Assert.All(vi, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"vi text of {pair.Key} is empty"));
        Assert.All(en, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"en text of {pair.Key} is empty"));

        // Every key a view or class asks for exists (a missing key would show the key itself to users).
        var used = UsedKeys();
        Assert.NotEmpty(used);
        Assert.DoesNotContain(used, key => !vi.ContainsKey(key));
    }

    [Fact]
    public void Every_role_action_and_agency_the_pages_name_has_a_text()
    {
        var vi = ResourceKeys("vi");
        var keys = Enum.GetNames<CoordinationPortal.Domain.Access.PortalRole>().SelectMany(r => new[] { $"PortalRole.{r}", $"PortalRole.{r}.Help" })
            .Concat(Enum.GetNames<CoordinationPortal.Domain.Auditing.AuditAction>().Select(a => $"AuditAction.{a}"))
            .Concat(Enum.GetNames<CoordinationPortal.Domain.Plans.AssignmentRole>().Select(r => $"Role.{r}"))
            .Concat(["Agency.VWU", "Branch.VWU", "Agency.CEMA", "Branch.CEMA"])
            .Concat(["Error.BadRequest.Title", "Error.Forbidden.Title", "Error.TooManyRequests.Title", "Error.Generic.Title", "Error.NotFound.Title"]);

        Assert.DoesNotContain(keys, key => !vi.ContainsKey(key));
    }

    private static Dictionary<string, string> ResourceKeys(string language)
    {
        var path = Path.Combine(Repository.Root, "src", "CoordinationPortal.Web", "Resources", $"SharedResource.{language}.resx");
        var xml = System.Xml.Linq.XDocument.Load(path);
        return xml.Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
    }

    /// <summary>Literal keys passed to the localizer (L["..."]) anywhere in the web project.</summary>
    private static HashSet<string> UsedKeys()
    {
        var web = Path.Combine(Repository.Root, "src", "CoordinationPortal.Web");
        var pattern = new System.Text.RegularExpressions.Regex("""\bL\["([A-Za-z0-9.]+)"[\],]""");
        return Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => pattern.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
    }
}
