using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Web.Infrastructure.Security;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Wrong sign-in attempts (ADR 0024): an unknown e-mail is answered like a known one, at the same
/// cost; a run of wrong attempts holds back the address it comes from, not the account's owner
/// elsewhere; an administrator sees who is held back and lets them in again.
/// </summary>
public sealed class SignInThrottleTests : IAsyncDisposable
{
    private const string WrongPassword = "not the right password at all";
    private const string Attacker = "198.51.100.66";
    private readonly PortalFactory _factory = new();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static async Task<string> AlertAsync(HttpResponseMessage response) =>
        (await response.ReadDocumentAsync()).QuerySelector(".alert-danger")?.Text() ?? $"(no message: {(int)response.StatusCode} {PortalFactory.LandedOn(response)})";

    private static int Iterations(string identityV3Hash) =>
        (int)BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(identityV3Hash).AsSpan(5, 4));

    [Fact]
    public async Task An_unknown_email_gets_exactly_the_answers_a_known_one_gets_including_the_wait()
    {
        var account = await _factory.CreateAccountAsync(Persona.Leadership);
        var known = new List<string>();
        var unknown = new List<string>();

        for (var attempt = 1; attempt <= 6; attempt++)
        {
            using var wrongPassword = await PortalFactory.SignInAsync(_factory.NewClientFrom("198.51.100.1"), account.Email, WrongPassword);
            using var noAccount = await PortalFactory.SignInAsync(_factory.NewClientFrom("198.51.100.2"), "khong.co.ai@example.vn", WrongPassword);
            Assert.Equal(wrongPassword.StatusCode, noAccount.StatusCode);
            known.Add(await AlertAsync(wrongPassword));
            unknown.Add(await AlertAsync(noAccount));
        }

        Assert.Equal(known, unknown);
        Assert.All(known.Take(4), text => Assert.Equal("E-mail hoặc mật khẩu không đúng.", text));
        Assert.All(known.Skip(4), text => Assert.StartsWith("Đã nhập sai nhiều lần từ máy này. Vui lòng đợi 1 phút rồi thử lại.", text, StringComparison.Ordinal));
        Assert.Contains("quản trị viên", known[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_costs_the_same_for_a_known_and_an_unknown_email()
    {
        // Twice the default rounds: hashing dominates each answer, and a dummy hash made with the
        // library's default (100,000) would answer an unknown e-mail four times faster.
        _factory.Settings["Security:PasswordHashIterations"] = "420000";
        var account = await _factory.CreateAccountAsync(Persona.CentralVwu);

        var dummy = _factory.Services.GetRequiredService<DummyPassword>().Hash;
        var real = await _factory.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.PasswordHash!).SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(420_000, Iterations(real));
        Assert.Equal(420_000, Iterations(dummy));

        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var attempt = 0; attempt <= 7; attempt++)
        {
            // Each attempt from its own address, so that no wait starts and every answer checks a password.
            knownTimes.Add(await TimedWrongSignInAsync($"198.51.100.{10 + attempt}", account.Email));
            unknownTimes.Add(await TimedWrongSignInAsync($"198.51.100.{30 + attempt}", "khong.co.ai@example.vn"));
        }

        // The first of each warms up (compilation, the dummy hash itself); medians shrug off a busy moment.
        var ratio = Median(knownTimes.Skip(1)) / Median(unknownTimes.Skip(1));
        Assert.True(ratio is > 0.5 and < 2, $"known/unknown = {ratio:F2} (known {string.Join(", ", knownTimes.Select(t => t.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} ms; unknown {string.Join(", ", unknownTimes.Select(t => t.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} ms)");
    }

    private async Task<double> TimedWrongSignInAsync(string address, string email)
    {
        var client = _factory.NewClientFrom(address);
        var page = await client.GetDocumentAsync("/account/sign-in");
        var watch = Stopwatch.StartNew();
        using var response = await client.PostFormAsync("/account/sign-in", page, new() { ["Email"] = email, ["Password"] = WrongPassword });
        watch.Stop();
        Assert.Equal("E-mail hoặc mật khẩu không đúng.", await AlertAsync(response));
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    [Fact]
    public async Task Wrong_passwords_from_one_address_hold_back_that_address_and_never_the_administrator_elsewhere()
    {
        var admin = await _factory.AccountAsync(Persona.Administrator);
        var attacker = _factory.NewClientFrom(Attacker);
        for (var attempt = 1; attempt <= 8; attempt++)
        {
            using (await PortalFactory.SignInAsync(attacker, admin.Email, WrongPassword))
            {
            }
        }

        // Even the right password waits at that address...
        using var rightButHeldBack = await PortalFactory.SignInAsync(_factory.NewClientFrom(Attacker), admin.Email, admin.Password);
        Assert.StartsWith("Đã nhập sai nhiều lần từ máy này.", await AlertAsync(rightButHeldBack), StringComparison.Ordinal);

        // ...while the administrator, at her own desk, signs in as usual.
        var atHerDesk = await _factory.SignedInClientAsync(Persona.Administrator);
        using var users = await atHerDesk.GetAsync(new Uri("/admin/users", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.True(await _factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.LockedOut && e.UserId == admin.Id && e.IpAddress == Attacker, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Guesses_from_many_addresses_hold_back_new_addresses_but_not_the_owners_usual_one()
    {
        var account = await _factory.AccountAsync(Persona.CentralCema);
        using (var atTheOffice = await PortalFactory.SignInAsync(_factory.NewClient(), account.Email, account.Password))
        {
            Assert.Equal("/", PortalFactory.LandedOn(atTheOffice));
        }

        // 20 wrong attempts, 4 from each of 5 addresses: no single address reaches its own limit of 5.
        var answers = new List<string>();
        for (var address = 1; address <= 5; address++)
        {
            var guesser = _factory.NewClientFrom($"192.0.2.{address}");
            for (var attempt = 1; attempt <= 4; attempt++)
            {
                using var wrong = await PortalFactory.SignInAsync(guesser, account.Email, WrongPassword);
                answers.Add(await AlertAsync(wrong));
            }
        }

        Assert.All(answers.Take(19), text => Assert.Equal("E-mail hoặc mật khẩu không đúng.", text));
        Assert.StartsWith("E-mail này vừa bị đăng nhập sai nhiều lần từ nhiều nơi", answers[19], StringComparison.Ordinal);

        using var newAddress = await PortalFactory.SignInAsync(_factory.NewClientFrom("192.0.2.200"), account.Email, account.Password);
        Assert.StartsWith("E-mail này vừa bị đăng nhập sai nhiều lần từ nhiều nơi", await AlertAsync(newAddress), StringComparison.Ordinal);
        using var usualAddress = await PortalFactory.SignInAsync(_factory.NewClient(), account.Email, account.Password);
        Assert.Equal("/", PortalFactory.LandedOn(usualAddress));
    }

    [Fact]
    public async Task An_administrator_sees_who_is_held_back_and_lets_them_sign_in_again()
    {
        var victim = await _factory.CreateAccountAsync(Persona.CentralVwu, email: "bi.chan@test.local");
        var attacker = _factory.NewClientFrom(Attacker);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using (await PortalFactory.SignInAsync(attacker, victim.Email, WrongPassword))
            {
            }
        }

        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var list = await admin.GetDocumentAsync("/admin/users?q=bi.chan");
        Assert.NotNull(list.QuerySelector("tr[data-user-email='bi.chan@test.local'] [data-sign-in-blocked]"));
        var page = await admin.GetDocumentAsync($"/admin/users/{victim.Id}");
        var row = page.QuerySelector($"[data-sign-in-failures] tr[data-failure-address='{Attacker}']");
        Assert.NotNull(row);
        Assert.Equal("true", row.GetAttribute("data-blocked"));
        Assert.Contains("5", row.Text(), StringComparison.Ordinal);

        using var unblocked = await admin.PostFormAsync($"/admin/users/{victim.Id}/unblock", page, []);

        Assert.Equal($"/admin/users/{victim.Id}", unblocked.Headers.Location?.OriginalString);
        var after = await admin.GetDocumentAsync($"/admin/users/{victim.Id}");
        Assert.Equal("Đã mở khóa đăng nhập cho CentralVwu Test.", after.QuerySelector(".alert-success")?.Text());
        Assert.Null(after.QuerySelector("[data-sign-in-failures] tr[data-blocked=true]"));
        using var signIn = await PortalFactory.SignInAsync(_factory.NewClientFrom(Attacker), victim.Email, victim.Password);
        Assert.Equal("/", PortalFactory.LandedOn(signIn));
        Assert.True(await _factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.SignInUnblocked && e.UserId == victim.Id, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Wrong_current_passwords_on_the_change_form_are_audited_and_counted_like_wrong_sign_ins()
    {
        var account = await _factory.AccountAsync(Persona.ProvincialHaGiangVwu);
        var client = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        const string newPassword = "hoa tam giác mạch nở trên đồi";
        var messages = new List<string>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var form = await client.GetDocumentAsync("/account/change-password");
            using var wrong = await client.PostFormAsync("/account/change-password", form, new()
            {
                ["CurrentPassword"] = $"đoán sai lần thứ {attempt} nhé",
                ["NewPassword"] = newPassword,
                ["ConfirmPassword"] = newPassword,
            });
            var page = await wrong.ReadDocumentAsync();
            messages.Add(page.QuerySelector("[data-valmsg-for=CurrentPassword]")?.Text() is { Length: > 0 } field ? field : page.QuerySelector(".alert-danger")?.Text() ?? string.Empty);
        }

        Assert.All(messages.Take(4), m => Assert.Equal("Mật khẩu hiện tại không đúng.", m));
        Assert.StartsWith("Đã nhập sai nhiều lần từ máy này.", messages[4], StringComparison.Ordinal);

        // Held back: the right current password is not even checked now, and the password stays.
        var again = await client.GetDocumentAsync("/account/change-password");
        using var right = await client.PostFormAsync("/account/change-password", again, new()
        {
            ["CurrentPassword"] = account.Password,
            ["NewPassword"] = newPassword,
            ["ConfirmPassword"] = newPassword,
        });
        Assert.StartsWith("Đã nhập sai nhiều lần từ máy này.", await AlertAsync(right), StringComparison.Ordinal);

        // It counts toward signing in from that address too; another address is not affected.
        using var sameAddress = await PortalFactory.SignInAsync(_factory.NewClient(), account.Email, account.Password);
        Assert.StartsWith("Đã nhập sai nhiều lần từ máy này.", await AlertAsync(sameAddress), StringComparison.Ordinal);
        using var elsewhere = await PortalFactory.SignInAsync(_factory.NewClientFrom("192.0.2.77"), account.Email, account.Password);
        Assert.Equal("/", PortalFactory.LandedOn(elsewhere));

        var audit = await _factory.WithDbAsync(db => db.AuditEntries.Where(e => e.UserId == account.Id && e.Action == AuditAction.PasswordChangeFailed).Select(e => e.Detail).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(5, audit.Count(d => d == "wrong current password"));
        Assert.Single(audit, d => d!.StartsWith("refused: waiting", StringComparison.Ordinal));
        Assert.False(await _factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.UserId == account.Id && e.Action == AuditAction.PasswordChanged, TestContext.Current.CancellationToken)));
    }
}

public sealed class SignInThrottleRuleTests
{
    [Fact]
    public void The_wait_starts_at_the_fifth_wrong_attempt_doubles_with_each_further_one_and_stops_at_an_hour()
    {
        var rule = new CoordinationPortal.Data.Identity.SignInThrottleRule(5, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1));

        var waits = Enumerable.Range(1, 12).Select(failures => rule.WaitAfter(failures)?.TotalMinutes).ToList();

        Assert.Equal([null, null, null, null, 1, 2, 4, 8, 16, 32, 60, 60], waits);
        Assert.Equal(TimeSpan.FromHours(1), rule.WaitAfter(int.MaxValue));
    }

    [Fact]
    public void A_run_of_wrong_attempts_is_forgotten_after_a_quiet_day()
    {
        var rule = new CoordinationPortal.Data.Identity.SignInThrottleRule(5, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        var row = new CoordinationPortal.Data.Identity.SignInThrottle("AI@EXAMPLE.VN", "198.51.100.1");
        var start = new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 4; i++)
        {
            Assert.False(row.CountFailure(start.AddMinutes(i), rule));
        }

        Assert.False(row.CountFailure(start.AddDays(2), rule));
        Assert.Equal(1, row.Failures);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void An_ipv6_client_counts_by_its_64_network(string address, string key)
    {
        Assert.Equal(key, SignInThrottling.AddressKey(IPAddress.Parse(address)));
    }
}
