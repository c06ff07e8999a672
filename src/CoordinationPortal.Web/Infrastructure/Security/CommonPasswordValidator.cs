using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// Rejects passwords an attacker tries first, instead of composition rules (NIST SP 800-63B):
/// a common word or phrase with digits or symbols around it ("Password@2024", "matkhau123456"),
/// keyboard and counting runs ("1q2w3e4r5t6y", "123456789012"), very few distinct characters,
/// and the account's own name or e-mail.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<PortalUser>
{
    public const string ErrorCode = "CommonPassword";

    // Folded (lower case, no diacritics, no spaces); Vietnamese and English favourites, and the portal's own words.
    private static readonly string[] CommonWords =
    [
        "password", "passw0rd", "p@ssword", "p@ssw0rd", "matkhau", "matkhaumoi", "admin", "administrator", "welcome",
        "letmein", "changeme", "iloveyou", "anhyeuem", "emyeuanh", "yeuem", "tinhyeu", "vietnam", "hanoi", "saigon",
        "hochiminh", "qwerty", "qwertyuiop", "asdfgh", "asdfghjkl", "zxcvbnm", "abc", "abcd", "abcdef", "monkey",
        "dragon", "football", "baseball", "princess", "sunshine", "superman", "batman", "master", "shadow", "trustno1",
        "starwars", "whatever", "freedom", "secret", "hello", "xinchao", "baomat", "taikhoan", "dangnhap", "portal",
        "phunu", "hoiphunu", "hoilhpn", "lhpn", "dantoc", "uybandantoc", "ubdt", "bodantoc", "congthongtin", "kehoach",
        "ketoan", "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo",
        "duong", "ly", "minh", "anh", "linh", "huong", "hoa", "lan", "mai", "thu", "hanh", "trang", "ngoc", "thao",
        "iloveu", "loveyou", "computer", "internet", "google", "facebook", "zalo", "samsung", "iphone", "thanhpho", "tinh",
    ];

    private static readonly string[] Runs =
    [
        "01234567890123456789", "98765432109876543210", "abcdefghijklmnopqrstuvwxyz", "zyxwvutsrqponmlkjihgfedcba",
        "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn", "1q2w3e4r5t6y7u8i9o0p", "zaq12wsxcde34rfv",
        "qazwsxedcrfvtgbyhnujm", "!@#$%^&*()",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(IsCommon(password ?? string.Empty, user.Email, user.FullName)
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = ErrorCode })
            : IdentityResult.Success);
    }

    public static bool IsCommon(string password, string? email, string? fullName)
    {
        var folded = TextFolding.Fold(password).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (folded.Distinct().Count() <= 3)
        {
            return true;
        }

        // Strip the digits and symbols people add to satisfy rules: "password@2024" -> "password".
        var core = new string([.. folded.Where(char.IsLetter)]);
        if (core.Length == 0 || CommonWords.Contains(core) || IsRepeatOfCommonWord(core))
        {
            return true;
        }

        if (Runs.Any(run => IsSliceOfRepeated(folded, run)))
        {
            return true;
        }

        var personal = new[] { email?.Split('@')[0], fullName }
            .Select(TextFolding.Fold)
            .Select(p => new string([.. p.Where(char.IsLetterOrDigit)]))
            .Where(p => p.Length >= 4);
        return personal.Any(p => core.Contains(p, StringComparison.Ordinal) || p.Contains(core, StringComparison.Ordinal));
    }

    /// <summary>"passwordpassword", "anhyeuemanhyeuem": a common word said twice or more.</summary>
    private static bool IsRepeatOfCommonWord(string core) =>
        CommonWords.Any(word => word.Length >= 3 && core.Length % word.Length == 0 && core == string.Concat(Enumerable.Repeat(word, core.Length / word.Length)));

    /// <summary>Whether the password is a stretch of a keyboard or counting run ("123456789012" wraps "0123456789").</summary>
    private static bool IsSliceOfRepeated(string password, string run) =>
        password.Length <= run.Length * 2 && string.Concat(run, run).Contains(password, StringComparison.Ordinal);
}
