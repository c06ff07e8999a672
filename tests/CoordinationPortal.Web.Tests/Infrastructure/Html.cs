using AngleSharp;
using AngleSharp.Dom;

namespace CoordinationPortal.Web.Tests.Infrastructure;

/// <summary>Parses a response into a DOM so tests assert on what the page shows, not on raw strings.</summary>
public static class Html
{
    public static async Task<IDocument> ReadDocumentAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content(html), TestContext.Current.CancellationToken);
    }

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.ReadDocumentAsync();
    }

    /// <summary>The antiforgery token of the first form on the page that has one.</summary>
    public static string AntiforgeryToken(this IDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var input = document.QuerySelector("input[name=__RequestVerificationToken]");
        Assert.NotNull(input);
        return input.GetAttribute("value")!;
    }

    /// <summary>
    /// Posts a form the way a browser does, with the page's antiforgery token. When the page has a form
    /// that posts to <paramref name="url"/>, the token must be in THAT form, as a browser would send it:
    /// a form rendered without one fails here rather than only in a real browser.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, IDocument page, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(fields);
        var forms = page.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase) && f.GetAttribute("action") == url).ToList();
        if (forms.Count > 0)
        {
            Assert.All(forms, f => Assert.True(f.QuerySelector("input[name=__RequestVerificationToken]") is not null, $"The form that posts to {url} has no antiforgery token."));
        }

        fields["__RequestVerificationToken"] = page.AntiforgeryToken();
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(url, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    /// <summary>Text with runs of white space folded, as a reader sees it.</summary>
    public static string Text(this IElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
