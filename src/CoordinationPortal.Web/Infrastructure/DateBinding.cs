using System.Globalization;
using CoordinationPortal.Domain.Calendar;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// Dates are typed as officers write them, dd/MM/yyyy (2/3/2025 also works), in forms and in
/// query strings alike; ISO yyyy-MM-dd is accepted too. MVC's default would read query strings
/// with the invariant culture, where 02/03/2025 is the 3rd of February. A date outside the years
/// the portal records (2000-2100) is a typing slip, refused here rather than left to overflow
/// the date arithmetic of a page.
/// </summary>
public sealed class DateOnlyModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.Metadata.UnderlyingOrModelType;
        return type == typeof(DateOnly) ? new DateOnlyModelBinder() : null;
    }
}

public sealed class DateOnlyModelBinder : TextModelBinder<DateOnly>
{
    private static readonly string[] Formats = ["d/M/yyyy", "dd/MM/yyyy", "yyyy-MM-dd"];

    protected override string RequiredKey => "Validation.DateRequired";

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    protected override (DateOnly? Value, string? Error) Read(string text, IStringLocalizer localizer)
    {
        if (!TryParse(text, out var date))
        {
            return (null, localizer["Validation.Date", Display.Shorten(text, 40)]);
        }

        return date < Quarter.EarliestDay || date > Quarter.LatestDay
            ? (null, localizer["Validation.DateRange", Display.Date(date), Display.Date(Quarter.EarliestDay), Display.Date(Quarter.LatestDay)])
            : (date, null);
    }
}
