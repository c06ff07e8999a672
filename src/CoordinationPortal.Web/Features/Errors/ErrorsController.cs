using CoordinationPortal.Domain.Common;
using CoordinationPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Errors;

/// <summary>Friendly pages for failures and status codes; never a stack trace outside Development.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
[AllowAnonymous]
[IgnoreAntiforgeryToken] // a refused POST is re-executed here as a POST; the error page must still render
public sealed class ErrorsController(IStringLocalizer<SharedResource> localizer, IWebHostEnvironment environment) : Controller
{
    [Route("/error")]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public IActionResult Error()
    {
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Error;

        // A full or unavailable disk is not a bug: 503 and a page that says the input was not saved.
        if (StorageFailure.Classify(failure) is { } storage)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return View("StorageFailure", new StorageFailurePage(storage, HttpContext.TraceIdentifier)); // the RequestId of the log line naming the path
        }

        if (failure is DomainRuleException rule)
        {
            // A rule of the domain refused what the request asked: bad input, not a fault of the portal.
            return BadInputFilter.Page(HttpContext, [localizer.Describe(rule)], ControllerContext);
        }

        var status = Response.StatusCode is >= 400 and <= 599 ? Response.StatusCode : StatusCodes.Status500InternalServerError;
        Response.StatusCode = status;
        if (status == StatusCodes.Status400BadRequest)
        {
            return BadInputFilter.Page(HttpContext, [], ControllerContext);
        }

        var detail = environment.IsDevelopment() ? failure?.ToString() : null;
        return View("Error", new ErrorPage(status, HttpContext.TraceIdentifier, detail)); // the RequestId the log lines carry
    }

    [Route("/error/{statusCode:int}")]
    public IActionResult Status(int statusCode)
    {
        if (statusCode is >= 400 and <= 599)
        {
            Response.StatusCode = statusCode;
        }

        if (statusCode == StatusCodes.Status400BadRequest)
        {
            return BadInputFilter.Page(HttpContext, [localizer["Error.BadRequest.Text"]], ControllerContext);
        }

        var view = statusCode == StatusCodes.Status404NotFound ? "NotFound" : "Error";
        return View(view, new ErrorPage(statusCode, HttpContext.TraceIdentifier, null));
    }
}

public sealed record ErrorPage(int StatusCode, string RequestId, string? DeveloperDetail);
