using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CoordinationPortal.Web.Tests.Infrastructure;

/// <summary>
/// The key-protection certificate an operator provides, made once per test run (never committed):
/// a self-signed RSA certificate in a password-protected PFX outside every test's data folder.
/// </summary>
public static class TestCertificate
{
    private static readonly Lazy<(string Path, string Password)> Made = new(Make);

    public static string Path => Made.Value.Path;

    public static string Password => Made.Value.Password;

    /// <summary>The settings that point the portal at it (configuration keys).</summary>
    public static IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["DataProtection:CertificatePath"] = Path,
        ["DataProtection:CertificatePassword"] = Password,
    };

    /// <summary>The same, as environment variables for a portal run as a process.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentVariables =>
        Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    private static (string Path, string Password) Make()
    {
        var folder = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "coordination-portal-tests", "certificates")).FullName;
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=CoordinationPortal key protection (test run)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = System.IO.Path.Combine(folder, $"{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    }
}
