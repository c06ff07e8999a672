namespace CoordinationPortal.Domain.Access;

/// <summary>The one role each account has (docs/product-guide.md, section 4).</summary>
public enum PortalRole
{
    Administrator = 1,

    /// <summary>Staff of VWU or CEMA at central level; bound to one agency.</summary>
    CentralOfficer = 2,

    /// <summary>Officer of one agency's branch in one province.</summary>
    ProvincialOfficer = 3,

    Leadership = 4,
}
