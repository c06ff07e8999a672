using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// Marks an action that shows what binding and validation found next to the fields of its form
/// (and keeps what was typed); a filter page marked so answers 400 with its own page and the
/// message beside the filter. Every other action refuses bad input with the 400 page.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ShowsFormErrorsAttribute : Attribute;

/// <summary>The 400 page: what was wrong with the request, and where to go from here.</summary>
public sealed record BadInputPage(IReadOnlyList<string> Problems, string RetryUrl);

/// <summary>
/// Bad input gets a 400 page that says what is wrong, never a 500 from deep inside a page: a query
/// string with an unknown quarter, a date of 31/12/9999, a page number that is not a number, a
/// hidden field that was tampered with. Actions marked <see cref="ShowsFormErrorsAttribute"/>
/// handle their own form's errors instead.
/// </summary>
public sealed class BadInputFilter : IActionFilter, IOrderedFilter
{
    public const string ViewName = "BadRequest";

    // Before the action, after authorization: a refusal to an anonymous caller stays a sign-in challenge.
    public int Order => -1000;

    public void OnActionExecuting(ActionExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ModelState.IsValid)
        {
            return;
        }

        // A body that is not a readable form (no boundary, cut short, over a size limit): the
        // framework's English reason means nothing to the person, and no field can show it.
        var request = context.HttpContext.Request;
        if (request.HasFormContentType && context.HttpContext.Features.Get<IFormFeature>()?.Form is null)
        {
            var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            context.Result = Page(context.HttpContext, [localizer["Error.FormUnreadable"]], context);
            return;
        }

        if (context.ActionDescriptor.EndpointMetadata.OfType<ShowsFormErrorsAttribute>().Any())
        {
            if (HttpMethods.IsGet(context.HttpContext.Request.Method))
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            }

            return;
        }

        context.Result = Page(context.HttpContext, context.ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage), context);
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }

    /// <summary>The 400 page for the given problems; the retry link is the same page without its query string.</summary>
    public static ViewResult Page(HttpContext http, IEnumerable<string> problems, ActionContext actionContext)
    {
        ArgumentNullException.ThrowIfNull(http);
        var list = problems.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct().ToList();
        var retry = HttpMethods.IsGet(http.Request.Method) ? (http.Request.PathBase + http.Request.Path).ToString() : "/";
        var factory = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>();
        return new ViewResult
        {
            ViewName = ViewName,
            StatusCode = StatusCodes.Status400BadRequest,
            ViewData = new ViewDataDictionary<BadInputPage>(new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), actionContext.ModelState)
            {
                Model = new BadInputPage(list, retry),
            },
            TempData = factory.GetTempData(http),
        };
    }
}
