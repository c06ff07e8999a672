using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Reports;

/// <summary>
/// What each irreversible step on a report asks first, naming the report and what follows. The same
/// words go to the dialog (data-confirm) and to the page shown without JavaScript.
/// </summary>
public static class ReportQuestions
{
    public static string Submit(IStringLocalizer l, ReportHeader header) => Ask(l, "Confirm.Submit", header);

    public static string Review(IStringLocalizer l, ReportHeader header, ReportAction action) => Ask(l, "Confirm." + action, header);

    /// <summary>The button that answers yes: the step's own name, not a bare "OK".</summary>
    public static string Label(IStringLocalizer l, ReportAction action) => l["Review." + action];

    private static string Ask(IStringLocalizer l, string key, ReportHeader header)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(header);
        return l[key, l.Quarter(header.Quarter), $"{l["Branch." + header.AgencyCode]} · {header.ProvinceName}"]; // the unit named as the report header does
    }
}
