using System.Net;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Web.Features.Admin;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>Sign-in defences and how long sessions live, on a clock the test moves.</summary>
public sealed class SessionSecurityTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly PortalFactory _factory = new();

    public SessionSecurityTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static bool IsSignInChallenge(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location!.OriginalString.Contains("/account/sign-in?returnUrl=", StringComparison.Ordinal);

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string url) =>
        client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Five_wrong_passwords_make_that_computer_wait_a_minute_and_each_further_one_twice_as_long()
    {
        var account = await _factory.CreateAccountAsync(Persona.CentralVwu);
        var client = _factory.NewClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await PortalFactory.SignInAsync(client, account.Email, "not the right password at all");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var right = await PortalFactory.SignInAsync(client, account.Email, account.Password);
        Assert.StartsWith("Đã nhập sai nhiều lần từ máy này. Vui lòng đợi 1 phút", (await right.ReadDocumentAsync()).QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromSeconds(61));
        using var sixth = await PortalFactory.SignInAsync(client, account.Email, "still not the right password");
        Assert.StartsWith("Đã nhập sai nhiều lần từ máy này. Vui lòng đợi 2 phút", (await sixth.ReadDocumentAsync()).QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromSeconds(121));
        using var afterTheWait = await PortalFactory.SignInAsync(client, account.Email, account.Password);
        Assert.Equal("/", PortalFactory.LandedOn(afterTheWait));
        Assert.True(await _factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.LockedOut && e.UserId == account.Id, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_get_the_same_answer()
    {
        var account = await _factory.CreateAccountAsync(Persona.Leadership);

        using var unknown = await PortalFactory.SignInAsync(_factory.NewClient(), "nobody@example.vn", account.Password);
        using var wrong = await PortalFactory.SignInAsync(_factory.NewClient(), account.Email, "wrong password, long enough");

        var unknownText = (await unknown.ReadDocumentAsync()).QuerySelector(".alert-danger")!.Text();
        var wrongText = (await wrong.ReadDocumentAsync()).QuerySelector(".alert-danger")!.Text();
        Assert.Equal("E-mail hoặc mật khẩu không đúng.", unknownText);
        Assert.Equal(unknownText, wrongText);
    }

    [Fact]
    public async Task A_new_account_must_choose_its_own_password_before_anything_else()
    {
        var account = await _factory.CreateAccountAsync(Persona.ProvincialHaGiangVwu, mustChangePassword: true);
        var client = _factory.NewClient();
        using var signIn = await PortalFactory.SignInAsync(client, account.Email, account.Password);

        using var plans = await GetAsync(client, "/plans");
        Assert.Equal("/account/change-password", plans.Headers.Location?.OriginalString);

        var form = await client.GetDocumentAsync("/account/change-password");
        Assert.NotNull(form.QuerySelector(".alert-warning"));
        const string newPassword = "mùa xuân trên cao nguyên đá";
        using var changed = await client.PostFormAsync("/account/change-password", form, new()
        {
            ["CurrentPassword"] = account.Password,
            ["NewPassword"] = newPassword,
            ["ConfirmPassword"] = newPassword,
        });
        Assert.Equal("/", changed.Headers.Location?.OriginalString);

        using var after = await GetAsync(client, "/plans");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        using var oldPassword = await PortalFactory.SignInAsync(_factory.NewClient(), account.Email, account.Password);
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode); // refused: the form again
        using var newOne = await PortalFactory.SignInAsync(_factory.NewClient(), account.Email, newPassword);
        Assert.Equal("/", PortalFactory.LandedOn(newOne));
    }

    [Fact]
    public async Task An_administrator_without_an_authenticator_is_sent_to_set_one_up()
    {
        var admin = await _factory.CreateAccountAsync(Persona.Administrator, withAuthenticator: false);
        var client = _factory.NewClient();
        using var signIn = await PortalFactory.SignInAsync(client, admin.Email, admin.Password);

        using var users = await GetAsync(client, "/admin/users");

        Assert.Equal("/account/two-factor", users.Headers.Location?.OriginalString);
        var setup = await client.GetDocumentAsync("/account/two-factor");

        // The set-up page itself is styled: its stylesheet is not held back by the gate.
        using var css = await GetAsync(client, setup.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_sessions_within_a_minute()
    {
        var account = await _factory.AccountAsync(Persona.CentralCema);
        var client = await _factory.SignedInClientAsync(Persona.CentralCema);

        await ChangeAccountAsync(account.Id, (admin, user) => admin.SetActiveAsync(user, active: false, actingUserId: null));

        using var soon = await GetAsync(client, "/plans");
        Assert.Equal(HttpStatusCode.OK, soon.StatusCode); // the session is checked once a minute
        _clock.Advance(TimeSpan.FromSeconds(61));
        using var later = await GetAsync(client, "/plans");
        Assert.True(IsSignInChallenge(later), $"still signed in: {(int)later.StatusCode}");
        using var again = await PortalFactory.SignInAsync(_factory.NewClient(), account.Email, account.Password);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // refused: the form again
    }

    [Fact]
    public async Task Changing_an_account_role_ends_its_sessions_within_a_minute()
    {
        var account = await _factory.AccountAsync(Persona.Leadership);
        var client = await _factory.SignedInClientAsync(Persona.Leadership);
        using var audit = await GetAsync(client, "/audit");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);

        await ChangeAccountAsync(account.Id, (admin, user) => admin.UpdateAsync(user, new UserForm
        {
            FullName = user.FullName,
            Email = user.Email!,
            Role = PortalRole.CentralOfficer,
            AgencyId = 1,
        }));

        _clock.Advance(TimeSpan.FromSeconds(61));
        using var later = await GetAsync(client, "/audit");
        Assert.True(IsSignInChallenge(later), $"the old role still works: {(int)later.StatusCode}");
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_but_not_this_one()
    {
        var account = await _factory.AccountAsync(Persona.ProvincialCaoBangCema);
        var here = await _factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);
        var elsewhere = await _factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);

        var form = await here.GetDocumentAsync("/account/change-password");
        const string newPassword = "sông Bằng Giang chảy qua thành phố";
        using var changed = await here.PostFormAsync("/account/change-password", form, new()
        {
            ["CurrentPassword"] = account.Password,
            ["NewPassword"] = newPassword,
            ["ConfirmPassword"] = newPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        _clock.Advance(TimeSpan.FromSeconds(61));
        using var hereLater = await GetAsync(here, "/plans");
        using var elsewhereLater = await GetAsync(elsewhere, "/plans");
        Assert.Equal(HttpStatusCode.OK, hereLater.StatusCode);
        Assert.True(IsSignInChallenge(elsewhereLater));
    }

    [Fact]
    public async Task A_session_ends_after_30_minutes_without_a_request()
    {
        var client = await _factory.SignedInClientAsync(Persona.CentralVwu);

        _clock.Advance(TimeSpan.FromMinutes(29));
        using var active = await GetAsync(client, "/plans");
        Assert.Equal(HttpStatusCode.OK, active.StatusCode);

        _clock.Advance(TimeSpan.FromMinutes(31));
        using var idle = await GetAsync(client, "/plans");
        Assert.True(IsSignInChallenge(idle));
    }

    [Fact]
    public async Task A_session_ends_12_hours_after_sign_in_however_active()
    {
        var client = await _factory.SignedInClientAsync(Persona.Leadership);
        var elapsed = TimeSpan.Zero;

        // A request every 20 minutes keeps the session alive until the 12-hour mark.
        while (elapsed < TimeSpan.FromHours(11.6))
        {
            _clock.Advance(TimeSpan.FromMinutes(20));
            elapsed += TimeSpan.FromMinutes(20);
            using var response = await GetAsync(client, "/plans");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"signed out after {elapsed}");
        }

        _clock.Advance(TimeSpan.FromMinutes(25));
        using var past = await GetAsync(client, "/plans");
        Assert.True(IsSignInChallenge(past), "still signed in after 12 hours");
    }

    private async Task ChangeAccountAsync(string userId, Func<AccountAdministration, PortalUser, Task<IdentityResult>> change)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var result = await change(scope.ServiceProvider.GetRequiredService<AccountAdministration>(), (await users.FindByIdAsync(userId))!);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));
    }
}

public sealed class RateLimitTests
{
    [Fact]
    public async Task Sign_in_posts_from_one_address_are_limited_per_minute()
    {
        await using var factory = new PortalFactory();
        factory.Settings["Security:SignInPostsPerMinute"] = "3";
        var client = factory.NewClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await PortalFactory.SignInAsync(client, $"someone{i}@example.vn", "a wrong but long password");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var limited = await PortalFactory.SignInAsync(client, "someone@example.vn", "a wrong but long password");
        Assert.Equal("Quá nhiều lần thử", (await limited.ReadDocumentAsync()).QuerySelector("h1")!.Text());
    }

    [Fact]
    public async Task Change_password_posts_share_the_per_minute_limit_of_password_checks()
    {
        await using var factory = new PortalFactory();
        factory.Settings["Security:SignInPostsPerMinute"] = "3";
        var account = await factory.AccountAsync(Persona.Leadership);
        var client = factory.NewClient();
        using (await PortalFactory.SignInAsync(client, account.Email, account.Password))
        {
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var form = await client.GetDocumentAsync("/account/change-password");
            using var response = await client.PostFormAsync("/account/change-password", form, new()
            {
                ["CurrentPassword"] = $"a wrong guess number {i}",
                ["NewPassword"] = "một mật khẩu mới đủ dài",
                ["ConfirmPassword"] = "một mật khẩu mới đủ dài",
            });
            statuses.Add(response.StatusCode);
        }

        // The sign-in used one of the three.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
