using CoordinationPortal.Domain.Reporting;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Reports;

/// <summary>
/// The one place a report's state becomes words, for every page, the Excel files and the Word
/// report: a report handed back after approval is "reopened", never "returned", and a quarter
/// without a report is "not sent". Views, exports and messages ask here instead of building keys.
/// </summary>
public static class ReportStateLabel
{
    /// <summary>The resource key of the label; <paramref name="state"/> null means no report yet.</summary>
    public static string Key(ReportState? state, bool reopened) => state switch
    {
        null => "ReportState.None",
        ReportState.Returned when reopened => "ReportState.Reopened",
        { } s => "ReportState." + s,
    };

    /// <summary>The badge's style: reopened has its own, so colour never says "returned" either.</summary>
    public static string CssClass(ReportState? state, bool reopened) =>
        "state-" + Key(state, reopened)["ReportState.".Length..].ToLowerInvariant();

    /// <summary>The label itself, in the reader's language.</summary>
    public static string StateLabel(this IStringLocalizer localizer, ReportState? state, bool reopened)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer[Key(state, reopened)].Value;
    }
}

/// <summary>What the shared state badge shows.</summary>
public sealed record ReportStateBadge(ReportState? State, bool Reopened);
