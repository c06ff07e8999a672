namespace CoordinationPortal.Domain.Common;

/// <summary>Small argument checks that turn a broken rule into a <see cref="DomainRuleException"/>.</summary>
internal static class Guard
{
    /// <summary>Required text: cleaned (<see cref="PlainText.Clean"/>), trimmed, at most <paramref name="maxLength"/> characters.</summary>
    public static string Text(string? value, int maxLength, string what)
    {
        var cleaned = PlainText.Clean(value);
        if (string.IsNullOrWhiteSpace(cleaned))
        {
            throw new DomainRuleException("Rule.Required", $"{what} is required.", what);
        }

        var trimmed = cleaned.Trim();
        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleException("Rule.TooLong", $"{what} is longer than {maxLength} characters.", what, maxLength);
        }

        return trimmed;
    }

    public static string? OptionalText(string? value, int maxLength, string what) =>
        string.IsNullOrWhiteSpace(PlainText.Clean(value)) ? null : Text(value, maxLength, what);
}
