using CoordinationPortal.Web.Tests.Infrastructure;

namespace CoordinationPortal.Web.Tests;

public sealed class NavigationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData(Persona.Administrator, new[] { "/dashboard", "/plans", "/reports", "/admin/users", "/admin/calendar", "/admin/email", "/admin/indicators", "/admin/provinces", "/audit" })]
    [InlineData(Persona.Leadership, new[] { "/dashboard", "/plans", "/reports", "/audit" })]
    [InlineData(Persona.CentralVwu, new[] { "/dashboard", "/plans", "/reports/review", "/reports", "/admin/indicators" })]
    [InlineData(Persona.ProvincialHaGiangVwu, new[] { "/dashboard", "/plans", "/reports/mine", "/reports" })]
    public async Task The_menu_shows_each_role_what_it_may_use_and_nothing_else(Persona persona, string[] expected)
    {
        var client = await factory.SignedInClientAsync(persona);

        var page = await client.GetDocumentAsync("/plans");

        Assert.Equal(expected, page.QuerySelectorAll("nav .portal-nav a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(page.QuerySelector("form[action='/account/sign-out']"));
    }

    [Fact]
    public async Task A_visitor_who_is_not_signed_in_sees_no_menu()
    {
        var page = await factory.NewClient().GetDocumentAsync("/account/sign-in");

        Assert.Empty(page.QuerySelectorAll(".portal-nav a"));
        Assert.Null(page.QuerySelector("form[action='/account/sign-out']"));
    }
}
