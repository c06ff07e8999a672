using System.Net;
using CoordinationPortal.Web.Tests.Infrastructure;

namespace CoordinationPortal.Web.Tests;

public sealed class ErrorPageTests
{
    [Fact]
    public async Task A_failure_shows_a_friendly_page_with_a_request_id_and_no_stack_trace()
    {
        // The database file cannot be opened: signing in, which reads the account, fails. That is a
        // storage failure, so the page is the 503 one that says the input was not saved.
        await using var factory = new PortalFactory();
        factory.UseUnreachableDatabase();

        var client = factory.NewClient();
        var signIn = await client.GetDocumentAsync("/account/sign-in");
        using var response = await client.PostFormAsync("/account/sign-in", signIn, new() { ["Email"] = "someone@example.vn", ["Password"] = "a long enough password" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Bộ nhớ lưu trữ của máy chủ tạm thời không sử dụng được", page.QuerySelector("h1")!.Text());
        Assert.StartsWith("Mã yêu cầu: ", page.QuerySelector("main p.small")!.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("SqliteException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }
}
