using System.Security.Cryptography;
using CoordinationPortal.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// A password hash nobody knows, made with the configured iteration count, checked whenever there is
/// no account password to check (an unknown e-mail): every sign-in answer then costs one password
/// check at the same price, and its timing says nothing about which e-mails have accounts.
/// </summary>
public sealed class DummyPassword
{
    private static readonly PortalUser Nobody = new();
    private readonly PasswordHasher<PortalUser> _hasher;
    private readonly Lazy<string> _hash;

    /// <param name="options">The same options Identity's hasher uses (<c>Security:PasswordHashIterations</c>).</param>
    public DummyPassword(IOptions<PasswordHasherOptions> options)
    {
        _hasher = new PasswordHasher<PortalUser>(options);
        _hash = new Lazy<string>(() => _hasher.HashPassword(Nobody, RandomNumberGenerator.GetHexString(32)));
    }

    /// <summary>The hash, in Identity's format (so a test can read its iteration count).</summary>
    public string Hash => _hash.Value;

    /// <summary>Spends what checking a real password costs; the answer is always "wrong".</summary>
    public void Check(string password) => _hasher.VerifyHashedPassword(Nobody, Hash, password);
}
