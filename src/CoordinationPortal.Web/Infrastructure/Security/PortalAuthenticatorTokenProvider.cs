using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CoordinationPortal.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// Authenticator-app codes (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps), stricter than
/// Identity's own provider (ADR 0024): a code is accepted from the step before to the step after
/// the server's (one step of clock drift each way, not two), and only once per account: the step of
/// the accepted code is saved on the account, and a code of that step or an earlier one is refused.
/// Two requests with the same code at once: both read the account, the first save changes its
/// concurrency stamp, the second save is refused, so one of them signs in.
/// </summary>
public sealed class PortalAuthenticatorTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<PortalUser>
{
    public const string ProviderName = "PortalAuthenticator";

    /// <summary>Steps accepted on each side of the server's step.</summary>
    public const int Window = 1;

    private const int StepSeconds = 30;
    private const int Digits = 6;

    /// <summary>The app computes the codes; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<PortalUser> manager, PortalUser user) => Task.FromResult(string.Empty);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PortalUser> manager, PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || MatchingStep(key, token, clock.GetUtcNow()) is not { } step)
        {
            return false;
        }

        if (user.LastAuthenticatorStep is { } last && step <= last)
        {
            return false; // used already, or older than a code that was
        }

        user.LastAuthenticatorStep = step;
        return (await manager.UpdateAsync(user)).Succeeded;
    }

    /// <summary>The step, within <see cref="Window"/> of <paramref name="now"/>, whose code is <paramref name="code"/>; null if none.</summary>
    public static long? MatchingStep(string base32Key, string? code, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(base32Key);
        if (code is not { Length: Digits } || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var secret = Base32Decode(base32Key);
        var current = now.ToUnixTimeSeconds() / StepSeconds;
        long? match = null;
        for (var step = current - Window; step <= current + Window; step++)
        {
            // Every step is compared, in constant time: the time taken says nothing about which one matched.
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeAt(secret, step)), Encoding.ASCII.GetBytes(code)))
            {
                match ??= step;
            }
        }

        return match;
    }

    private static string CodeAt(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 authenticator codes are defined over HMAC-SHA1; every authenticator app computes them so.
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7FFFFFFF) % 1_000_000;
        return value.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The key as Identity stores it (RFC 4648 base32, upper case, no padding).</summary>
    private static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            var value = alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                continue; // spaces a person may have typed into a key
            }

            buffer = ((buffer << 5) | value) & 0xFFFF; // at most 12 bits are pending
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
