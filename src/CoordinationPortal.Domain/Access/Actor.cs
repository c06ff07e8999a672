using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Access;

/// <summary>
/// Who is asking: a role and, where the role needs one, the agency and province it is bound to.
/// Built on the server from the signed-in account, never from request data.
/// </summary>
public sealed record Actor
{
    public Actor(PortalRole role, int? agencyId = null, int? provinceId = null, IReadOnlyList<int>? predecessorProvinceIds = null)
    {
        switch (role)
        {
            case PortalRole.CentralOfficer when agencyId is null || provinceId is not null:
                throw new DomainRuleException("A central officer belongs to one agency and no province.");
            case PortalRole.ProvincialOfficer when agencyId is null || provinceId is null:
                throw new DomainRuleException("A provincial officer belongs to one province and one agency branch.");
            case PortalRole.Administrator or PortalRole.Leadership when agencyId is not null || provinceId is not null:
                throw new DomainRuleException($"A {role} account is not bound to an agency or province.");
            case PortalRole.Administrator or PortalRole.Leadership or PortalRole.CentralOfficer or PortalRole.ProvincialOfficer:
                break;
            default:
                throw new DomainRuleException($"Unknown role {role}.");
        }

        Role = role;
        AgencyId = agencyId;
        ProvinceId = provinceId;
        PredecessorProvinceIds = provinceId is null ? [] : [.. (predecessorProvinceIds ?? []).Distinct().Order()];
    }

    public PortalRole Role { get; }

    /// <summary>The agency of a central officer, or the agency of a provincial officer's branch.</summary>
    public int? AgencyId { get; }

    public int? ProvinceId { get; }

    /// <summary>
    /// For a provincial officer: the units that merged into the officer's province (Hà Giang and the
    /// old Tuyên Quang for Tuyên Quang). Their reports are the province's history: read, never written.
    /// </summary>
    public IReadOnlyList<int> PredecessorProvinceIds { get; }

    /// <summary>Record equality compares the predecessor list by its content, not by reference.</summary>
    public bool Equals(Actor? other) =>
        other is not null && Role == other.Role && AgencyId == other.AgencyId && ProvinceId == other.ProvinceId
        && PredecessorProvinceIds.SequenceEqual(other.PredecessorProvinceIds);

    public override int GetHashCode() => HashCode.Combine(Role, AgencyId, ProvinceId, PredecessorProvinceIds.Count > 0 ? PredecessorProvinceIds[0] : 0, PredecessorProvinceIds.Count);

    /// <summary>Checks a role / agency / province combination without throwing, for forms.</summary>
    public static bool IsValid(PortalRole role, int? agencyId, int? provinceId)
    {
        try
        {
            _ = new Actor(role, agencyId, provinceId);
            return true;
        }
        catch (DomainRuleException)
        {
            return false;
        }
    }
}
