using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Infrastructure;

public static class LocalizationSetup
{
    /// <summary>
    /// Formats (dates dd/MM/yyyy, numbers 1.234.567, VND) always follow vi-VN; only the UI language
    /// switches between Vietnamese (default) and English. See docs/decisions/0004.
    /// </summary>
    public static readonly CultureInfo FormatCulture = CultureInfo.GetCultureInfo("vi-VN");

    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");

        // Every page's texts come from the shared resource: looked up once per language, then kept.
        services.AddSingleton<IStringLocalizer<SharedResource>, CachedSharedLocalizer>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(FormatCulture, Vietnamese);
            options.SupportedCultures = [FormatCulture];
            options.SupportedUICultures = [Vietnamese, English];
            options.FallBackToParentUICultures = true;

            // Only the user's explicit choice counts: officers' browsers are often set to English,
            // but the portal is Vietnamese-first.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static bool IsEnglish(this CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";
}
