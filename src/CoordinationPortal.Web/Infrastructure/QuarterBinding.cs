using System.Globalization;
using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Calendar;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// Quarters in forms and query strings are their key (20242 for Q2/2024); "Q2/2024" and "2/2024" are
/// read too. Anything else is a clear error under the field (or a 400 page for a query string),
/// never an exception from deep inside a page.
/// </summary>
public sealed partial class QuarterModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Metadata.UnderlyingOrModelType == typeof(Quarter) ? new QuarterModelBinder() : null;
    }
}

public sealed partial class QuarterModelBinder : TextModelBinder<Quarter>
{
    protected override string RequiredKey => "Validation.QuarterRequired";

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
        {
            return Quarter.TryFromKey(key, out quarter);
        }

        var match = Written().Match(text);
        return match.Success
            && int.TryParse(match.Groups["year"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && Quarter.TryFromKey((year * 10) + (match.Groups["number"].Value[0] - '0'), out quarter);
    }

    protected override (Quarter? Value, string? Error) Read(string text, IStringLocalizer localizer) =>
        TryParse(text, out var quarter) ? (quarter, null) : (null, localizer["Validation.Quarter", Display.Shorten(text, 40)]);

    [GeneratedRegex(@"^[Qq]?(?<number>[1-4])\s*/\s*(?<year>\d{4})$")]
    private static partial Regex Written();
}
