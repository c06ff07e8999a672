namespace CoordinationPortal.Web.Tests.Infrastructure;

/// <summary>
/// The people of docs/product-guide.md, section 4, with two of each bound kind so that tests can point one at
/// the other's resources: another agency, another province.
/// </summary>
public enum Persona
{
    Administrator,
    CentralVwu,
    CentralCema,

    /// <summary>Hội LHPN tỉnh Hà Giang (VWU branch, province 02).</summary>
    ProvincialHaGiangVwu,

    /// <summary>Ban Dân tộc tỉnh Cao Bằng (CEMA branch, province 04).</summary>
    ProvincialCaoBangCema,

    Leadership,
}

public sealed record TestAccount(string Id, string Email, string Password, string? AuthenticatorKey, Persona Persona);
