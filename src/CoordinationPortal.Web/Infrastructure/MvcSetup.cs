using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Mvc.Razor;

namespace CoordinationPortal.Web.Infrastructure;

public static class MvcSetup
{
    /// <summary>
    /// Controllers with views organised by feature: a controller in Features/Plans finds its views
    /// beside it (see <see cref="FeatureViewLocationExpander"/>); shared views live in Features/Shared.
    /// </summary>
    public static IServiceCollection AddPortalMvc(this IServiceCollection services)
    {
        services
            .AddControllersWithViews(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.Filters.Add(new BadInputFilter());
                options.ModelBinderProviders.Insert(0, new DateOnlyModelBinderProvider());
                options.ModelBinderProviders.Insert(0, new QuarterModelBinderProvider());

                // A quarter is a value, not a form to validate field by field (a refused one is default(Quarter)).
                options.ModelMetadataDetailsProviders.Add(new Microsoft.AspNetCore.Mvc.ModelBinding.SuppressChildValidationMetadataProvider(typeof(CoordinationPortal.Domain.Calendar.Quarter)));
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<MvcOptions>, BindingMessages>();
        services.Replace(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Mvc.Infrastructure.IHttpResponseStreamWriterFactory, PageWriterFactory>());

        services.Configure<RazorViewEngineOptions>(options =>
        {
            options.ViewLocationFormats.Clear();
            options.ViewLocationFormats.Add("/Features/{feature}/{0}" + RazorViewEngine.ViewExtension);
            options.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
            options.ViewLocationExpanders.Add(new FeatureViewLocationExpander());
        });
        services.AddRouting(options => options.LowercaseUrls = true);

        // Write Vietnamese letters as UTF-8, not as &#x1EAD; entities: pages are a third smaller.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }
}
