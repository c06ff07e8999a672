namespace CoordinationPortal.Domain.Common;

/// <summary>Thrown when a call would break a rule an entity guards (a bad quarter, a duplicate lead...).</summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException()
    {
    }

    public DomainRuleException(string message)
        : base(message)
    {
    }

    public DomainRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
