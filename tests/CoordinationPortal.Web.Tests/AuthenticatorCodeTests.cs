using AngleSharp.Dom;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The second factor at sign-in (ADR 0024), on a clock the test holds in the middle of a 30-second
/// step: each code works once, only one step either side of the server's time is accepted, and
/// every wrong code, authenticator or recovery, counts toward the wait.
/// </summary>
public sealed class AuthenticatorCodeTests : IAsyncDisposable
{
    private const string WrongCodeMessage = "Mã không đúng, đã hết hạn hoặc đã được dùng. Hãy nhập mã mới nhất trong ứng dụng: mỗi mã chỉ dùng được một lần.";

    // 15 s into a step: a step either side is exactly 30 s away, two steps 60 s.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 1, 0, 15, TimeSpan.Zero));
    private readonly PortalFactory _factory = new();

    public AuthenticatorCodeTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private string CodeAt(TestAccount account, int secondsFromNow) => Totp.Code(account.AuthenticatorKey!, _clock.GetUtcNow().AddSeconds(secondsFromNow));

    /// <summary>A client from <paramref name="address"/> past the password, on the page that asks for the code.</summary>
    private async Task<(HttpClient Client, IDocument CodePage)> PasswordStepAsync(TestAccount account, string address)
    {
        var client = _factory.NewClientFrom(address);
        using var response = await PortalFactory.SignInAsync(client, account.Email, account.Password);
        Assert.StartsWith("/account/sign-in/code", PortalFactory.LandedOn(response), StringComparison.Ordinal);
        return (client, await client.GetDocumentAsync("/account/sign-in/code"));
    }

    private static Task<HttpResponseMessage> SendCodeAsync(HttpClient client, IDocument page, string code) =>
        client.PostFormAsync("/account/sign-in/code", page, new() { ["Code"] = code });

    private static async Task<string> AlertAsync(HttpResponseMessage response) =>
        (await response.ReadDocumentAsync()).QuerySelector(".alert-danger")?.Text() ?? $"(no message: {PortalFactory.LandedOn(response)})";

    [Fact]
    public async Task One_code_used_by_two_clients_at_once_signs_in_only_one_of_them()
    {
        var admin = await _factory.AccountAsync(Persona.Administrator);
        var (first, firstPage) = await PasswordStepAsync(admin, "198.51.100.1");
        var (second, secondPage) = await PasswordStepAsync(admin, "198.51.100.2");
        var code = CodeAt(admin, 0);

        var answers = await Task.WhenAll(SendCodeAsync(first, firstPage, code), SendCodeAsync(second, secondPage, code));

        Assert.Single(answers, a => PortalFactory.LandedOn(a) == "/");
        Assert.Equal(WrongCodeMessage, await AlertAsync(answers.Single(a => PortalFactory.LandedOn(a) != "/")));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task A_code_is_accepted_one_step_either_side_of_the_server_time_and_never_after_a_later_one()
    {
        var admin = await _factory.AccountAsync(Persona.Administrator);

        var (client, page) = await PasswordStepAsync(admin, "198.51.100.3");
        using var sixtySecondsOld = await SendCodeAsync(client, page, CodeAt(admin, -60));
        Assert.Equal(WrongCodeMessage, await AlertAsync(sixtySecondsOld));
        using var thirtySecondsOld = await SendCodeAsync(client, await sixtySecondsOld.ReadDocumentAsync(), CodeAt(admin, -30));
        Assert.Equal("/", PortalFactory.LandedOn(thirtySecondsOld));

        (client, page) = await PasswordStepAsync(admin, "198.51.100.4");
        using var sixtySecondsAhead = await SendCodeAsync(client, page, CodeAt(admin, 60));
        Assert.Equal(WrongCodeMessage, await AlertAsync(sixtySecondsAhead));
        using var thirtySecondsAhead = await SendCodeAsync(client, await sixtySecondsAhead.ReadDocumentAsync(), CodeAt(admin, 30));
        Assert.Equal("/", PortalFactory.LandedOn(thirtySecondsAhead));

        // The current code is older than the one just used: refused, as a copy of an old code would be.
        (client, page) = await PasswordStepAsync(admin, "198.51.100.5");
        using var current = await SendCodeAsync(client, page, CodeAt(admin, 0));
        Assert.Equal(WrongCodeMessage, await AlertAsync(current));
    }

    [Fact]
    public async Task Wrong_recovery_codes_and_wrong_authenticator_codes_all_count_toward_the_wait()
    {
        var admin = await _factory.AccountAsync(Persona.Administrator);
        var recoveryCodes = await RecoveryCodesAsync(admin);
        var (client, page) = await PasswordStepAsync(admin, "198.51.100.6");

        var answers = new List<string>();
        foreach (var wrong in new[] { "AAAAA-BBBBB", "CCCCC-DDDDD", "EEEEE-FFFFF", CodeAt(admin, -90), CodeAt(admin, 90) })
        {
            using var response = await SendCodeAsync(client, page, wrong);
            page = await response.ReadDocumentAsync();
            answers.Add(page.QuerySelector(".alert-danger")!.Text());
        }

        Assert.All(answers.Take(4), text => Assert.Equal(WrongCodeMessage, text));
        Assert.StartsWith("Đã nhập sai nhiều lần từ máy này. Vui lòng đợi 1 phút", answers[4], StringComparison.Ordinal);

        // While it waits, right codes are not even looked at: a recovery code is not used up.
        using var rightCode = await SendCodeAsync(client, page, CodeAt(admin, 0));
        Assert.StartsWith("Đã nhập sai nhiều lần từ máy này.", await AlertAsync(rightCode), StringComparison.Ordinal);
        using var rightRecoveryCode = await SendCodeAsync(client, await rightCode.ReadDocumentAsync(), recoveryCodes[0]);
        Assert.StartsWith("Đã nhập sai nhiều lần từ máy này.", await AlertAsync(rightRecoveryCode), StringComparison.Ordinal);
        Assert.Equal(10, await RecoveryCodesLeftAsync(admin));

        var failures = await _factory.WithDbAsync(db => db.AuditEntries
            .Where(e => e.UserId == admin.Id && e.Action == AuditAction.SignInFailed)
            .Select(e => e.Detail).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, failures.Count(d => d == "wrong recovery code"));
        Assert.Equal(2, failures.Count(d => d == "wrong authenticator code"));

        // A minute later the right code works.
        _clock.Advance(TimeSpan.FromSeconds(61));
        using var later = await SendCodeAsync(client, await rightRecoveryCode.ReadDocumentAsync(), CodeAt(admin, 0));
        Assert.Equal("/", PortalFactory.LandedOn(later));
    }

    private async Task<List<string>> RecoveryCodesAsync(TestAccount account)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(account.Id))!, 10))!];
    }

    private async Task<int> RecoveryCodesLeftAsync(TestAccount account)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await users.CountRecoveryCodesAsync((await users.FindByIdAsync(account.Id))!);
    }
}
