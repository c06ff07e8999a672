using System.Net;
using CoordinationPortal.Web.Tests.Infrastructure;

namespace CoordinationPortal.Web.Tests;

/// <summary>The benchmark's fixed page exists only when bench/run.sh asks for it, and never for strangers.</summary>
public sealed class BenchEndpointTests
{
    [Fact]
    public async Task The_fixed_page_does_not_exist_unless_the_benchmark_enables_it()
    {
        await using var factory = new PortalFactory();
        using var client = await factory.SignedInClientAsync(Persona.Leadership);

        using var response = await client.GetAsync(new Uri("/bench/fixed/1000", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task When_enabled_the_fixed_page_has_the_asked_size_and_needs_a_signed_in_user()
    {
        await using var factory = new PortalFactory();
        factory.Settings["Bench:Enabled"] = "true";
        var ct = TestContext.Current.CancellationToken;

        using var anonymous = await factory.NewClient().GetAsync(new Uri("/bench/fixed/1000", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/sign-in?returnUrl=", PortalFactory.LandedOn(anonymous), StringComparison.Ordinal);

        using var client = await factory.SignedInClientAsync(Persona.Leadership);
        using var page = await client.GetAsync(new Uri("/bench/fixed/150123", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(150123, (await page.Content.ReadAsByteArrayAsync(ct)).Length);

        using var tooBig = await client.GetAsync(new Uri("/bench/fixed/999999999", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
    }
}
