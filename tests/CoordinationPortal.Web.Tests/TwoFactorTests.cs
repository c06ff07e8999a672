using System.Net;
using CoordinationPortal.Web.Tests.Infrastructure;

namespace CoordinationPortal.Web.Tests;

public sealed class TwoFactorTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_user_sets_up_an_authenticator_and_then_signs_in_with_a_code_or_a_recovery_code_once()
    {
        var account = await factory.CreateAccountAsync(Persona.CentralVwu, email: "totp@test.local");
        var client = factory.NewClient();
        using (await PortalFactory.SignInAsync(client, account.Email, account.Password))
        {
        }

        var start = await client.GetDocumentAsync("/account/two-factor");
        using (await client.PostFormAsync("/account/two-factor/key", start, []))
        {
        }

        var setup = await client.GetDocumentAsync("/account/two-factor");
        var key = setup.QuerySelector("[data-shared-key]")!.Text().Replace(" ", string.Empty, StringComparison.Ordinal);
        using var qr = await client.GetAsync(new Uri("/account/two-factor/qr", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("image/png", qr.Content.Headers.ContentType!.MediaType);

        using var wrong = await client.PostFormAsync("/account/two-factor/enable", setup, new() { ["Code"] = "000000" });
        Assert.Contains("Mã không đúng", (await wrong.ReadDocumentAsync()).QuerySelector("[data-valmsg-for=Code]")!.Text(), StringComparison.Ordinal);

        using var enabled = await client.PostFormAsync("/account/two-factor/enable", setup, new() { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        var codes = (await enabled.ReadDocumentAsync()).QuerySelectorAll(".recovery-codes code").Select(c => c.Text()).ToList();
        Assert.Equal(10, codes.Count);
        using var qrAfter = await client.GetAsync(new Uri("/account/two-factor/qr", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, qrAfter.StatusCode); // the secret is not shown again

        // Password alone is not enough any more.
        var next = factory.NewClient();
        using var passwordOnly = await PortalFactory.SignInAsync(next, account.Email, account.Password);
        Assert.StartsWith("/account/sign-in/code", PortalFactory.LandedOn(passwordOnly), StringComparison.Ordinal);
        // The code that turned the app on is used up: the next one signs in (one step ahead is accepted).
        using var withCode = await PortalFactory.SignInAsync(factory.NewClient(), account.Email, account.Password, key, DateTimeOffset.UtcNow.AddSeconds(30));
        Assert.Equal("/", PortalFactory.LandedOn(withCode));

        // A recovery code works once.
        Assert.Equal("/", PortalFactory.LandedOn(await SignInWithRecoveryCodeAsync(account, codes[0])));
        Assert.NotEqual("/", PortalFactory.LandedOn(await SignInWithRecoveryCodeAsync(account, codes[0])));
    }

    private async Task<HttpResponseMessage> SignInWithRecoveryCodeAsync(TestAccount account, string code)
    {
        var client = factory.NewClient();
        using var first = await PortalFactory.SignInAsync(client, account.Email, account.Password);
        var page = await client.GetDocumentAsync(PortalFactory.LandedOn(first));
        return await client.PostFormAsync("/account/sign-in/code", page, new() { ["Code"] = code });
    }

    [Fact]
    public async Task An_administrator_cannot_turn_two_step_verification_off()
    {
        var client = await factory.SignedInClientAsync(Persona.Administrator);
        var page = await client.GetDocumentAsync("/account/two-factor");
        Assert.Null(page.QuerySelector("form[action='/account/two-factor/disable']"));

        using var response = await client.PostFormAsync("/account/two-factor/disable", page, []);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
