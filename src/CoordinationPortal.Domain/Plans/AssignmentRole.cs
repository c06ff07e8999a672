namespace CoordinationPortal.Domain.Plans;

/// <summary>An agency's part in an activity or task.</summary>
public enum AssignmentRole
{
    /// <summary>Chủ trì: the agency that leads.</summary>
    Lead = 1,

    /// <summary>Phối hợp: the agency that supports the lead.</summary>
    Supporting = 2,

    /// <summary>The plan names no lead: both agencies carry it out together.</summary>
    Joint = 3,
}
