using AngleSharp.Dom;

namespace CoordinationPortal.Web.Tests.Infrastructure;

/// <summary>The plan document, reached as a person does: from the home page's "Xem toàn văn kế hoạch" link.</summary>
public static class HomeLinks
{
    public static async Task<string> PlanLinkAsync(this HttpClient client)
    {
        var home = await client.GetDocumentAsync("/");
        return home.QuerySelector("a[data-plan-link]")?.GetAttribute("href")
            ?? throw new InvalidOperationException("The home page has no link to the plan document.");
    }

    public static async Task<IDocument> GetPlanFromHomeAsync(this HttpClient client) =>
        await client.GetDocumentAsync(await client.PlanLinkAsync());
}
