using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Plans;

/// <summary>An agency's role on an activity or on one of its tasks.</summary>
public sealed class Assignment
{
    public Assignment(int agencyId, AssignmentRole role)
    {
        if (agencyId <= 0)
        {
            throw new DomainRuleException("An assignment needs a saved agency.");
        }

        if (!Enum.IsDefined(role))
        {
            throw new DomainRuleException($"Unknown assignment role {role}.");
        }

        AgencyId = agencyId;
        Role = role;
    }

    public int AgencyId { get; private set; }

    public AssignmentRole Role { get; private set; }

    /// <summary>
    /// Adds an assignment to a list while keeping it coherent: an agency appears once, there is at
    /// most one lead, and "joint" is not mixed with lead/supporting (it means nobody leads).
    /// </summary>
    internal static void AddTo(List<Assignment> list, int agencyId, AssignmentRole role)
    {
        var assignment = new Assignment(agencyId, role);
        if (list.Exists(a => a.AgencyId == agencyId))
        {
            throw new DomainRuleException("Rule.AgencyTwice", "This agency already has a role here.");
        }

        if (role == AssignmentRole.Lead && list.Exists(a => a.Role == AssignmentRole.Lead))
        {
            throw new DomainRuleException("Rule.TwoLeads", "There is already a lead agency here.");
        }

        var listIsJoint = list.Exists(a => a.Role == AssignmentRole.Joint);
        var listHasRoles = list.Exists(a => a.Role != AssignmentRole.Joint);
        if ((role == AssignmentRole.Joint && listHasRoles) || (role != AssignmentRole.Joint && listIsJoint))
        {
            throw new DomainRuleException("Rule.JointMixed", "A joint assignment cannot be mixed with lead and supporting roles.");
        }

        list.Add(assignment);
    }
}
