namespace CoordinationPortal.Domain.Common;

/// <summary>
/// Thrown when a call would break a rule an entity guards (a bad quarter, a duplicate lead...).
/// <see cref="Code"/>, when set, names the rule for the pages ("Rule.TooLong"), which say it in the
/// reader's language with <see cref="Arguments"/>; the message is for logs and developers.
/// </summary>
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

    public DomainRuleException(string code, string message, params object[] arguments)
        : base(message)
    {
        Code = code;
        Arguments = arguments;
    }

    public string? Code { get; }

    public IReadOnlyList<object> Arguments { get; } = [];
}
