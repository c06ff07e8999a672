using CoordinationPortal.Web.Infrastructure.Forms;

namespace CoordinationPortal.Web.Features.Admin;

/// <summary>A target as officers type it (<see cref="WholeNumberText"/>); empty means "no target".</summary>
public static class TargetInput
{
    /// <summary>True when the text is empty (no target) or a whole number; false for anything else.</summary>
    public static bool TryParse(string? text, out long? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!WholeNumberText.TryParse(text, out var number))
        {
            return false;
        }

        value = number;
        return true;
    }

    /// <summary>How a stored target appears in its input: 1.500.</summary>
    public static string Format(long? value) => value is { } v ? WholeNumberText.Format(v) : string.Empty;
}
