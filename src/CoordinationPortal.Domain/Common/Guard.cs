namespace CoordinationPortal.Domain.Common;

/// <summary>Small argument checks that turn a broken rule into a <see cref="DomainRuleException"/>.</summary>
internal static class Guard
{
    public static string Text(string? value, int maxLength, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainRuleException($"{what} is required.");
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleException($"{what} is longer than {maxLength} characters.");
        }

        return trimmed;
    }

    public static string? OptionalText(string? value, int maxLength, string what) =>
        string.IsNullOrWhiteSpace(value) ? null : Text(value, maxLength, what);
}
