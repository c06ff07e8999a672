using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// One-time passwords an administrator hands over: 4 groups of 4 from letters and digits that
/// cannot be confused when read aloud or copied by hand (no 0/o, 1/l/i). About 95 bits.
/// </summary>
public static partial class TemporaryPassword
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string Create()
    {
        Span<char> chars = stackalloc char[19];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i % 5 == 4 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>
    /// Whether a password is, or contains, one in the shape this class makes: the one an administrator
    /// showed, or an earlier one, with or without something added. A password the administrator has
    /// seen is never a person's own (ADR 0024).
    /// </summary>
    public static bool Contains(string password) => !string.IsNullOrEmpty(password) && Shape().IsMatch(password);

    // The alphabet above: a-h, j, k, m, n, p-z, 2-9; in any case, since people retype it in capitals.
    [GeneratedRegex("[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Shape();
}
