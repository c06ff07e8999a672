using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;

namespace CoordinationPortal.Web.Infrastructure;

public static class MvcSetup
{
    /// <summary>
    /// Controllers with views organised by feature: a controller in Features/Plans finds its views
    /// beside it; shared views live in Features/Shared.
    /// </summary>
    public static IServiceCollection AddPortalMvc(this IServiceCollection services)
    {
        services
            .AddControllersWithViews(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()))
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        services.Configure<RazorViewEngineOptions>(options =>
        {
            options.ViewLocationFormats.Clear();
            options.ViewLocationFormats.Add("/Features/{1}/{0}" + RazorViewEngine.ViewExtension);
            options.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
        });
        services.AddRouting(options => options.LowercaseUrls = true);
        return services;
    }
}
