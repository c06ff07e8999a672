using CoordinationPortal.Domain.Common;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>A domain rule said in the reader's language: the rule's own message when the pages know it, else the general one.</summary>
public static class RuleMessages
{
    public static string Describe(this IStringLocalizer localizer, DomainRuleException rule, string fallbackKey = "Error.BadRequest.Text")
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Code is { } code)
        {
            var text = localizer[code, [.. rule.Arguments.Select(Argument)]];
            if (!text.ResourceNotFound)
            {
                return text;
            }
        }

        return localizer[fallbackKey];
    }

    private static object Argument(object argument) => argument switch
    {
        DateOnly date => Display.Date(date),
        _ => argument,
    };
}
