using System.Security.Cryptography;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// One-time passwords an administrator hands over: 4 groups of 4 from letters and digits that
/// cannot be confused when read aloud or copied by hand (no 0/o, 1/l/i). About 95 bits.
/// </summary>
public static class TemporaryPassword
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
}
