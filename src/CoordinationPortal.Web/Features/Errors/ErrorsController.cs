using System.Diagnostics;
using CoordinationPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Errors;

/// <summary>Friendly pages for failures and status codes; never a stack trace.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
[AllowAnonymous]
[IgnoreAntiforgeryToken] // a refused POST is re-executed here as a POST; the error page must still render
public sealed class ErrorsController : Controller
{
    [Route("/error")]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public IActionResult Error()
    {
        // A full or unavailable disk is not a bug: 503 and a page that says the input was not saved.
        if (StorageFailure.Classify(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error) is { } storage)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return View("StorageFailure", new StorageFailurePage(storage, HttpContext.TraceIdentifier)); // the RequestId of the log line naming the path
        }

        Response.StatusCode = StatusCodes.Status500InternalServerError;
        return View("Error", new ErrorPage(StatusCodes.Status500InternalServerError, Activity.Current?.Id ?? HttpContext.TraceIdentifier));
    }

    [Route("/error/{statusCode:int}")]
    public IActionResult Status(int statusCode)
    {
        if (statusCode is >= 400 and <= 599)
        {
            Response.StatusCode = statusCode;
        }

        var view = statusCode == StatusCodes.Status404NotFound ? "NotFound" : "Error";
        return View(view, new ErrorPage(statusCode, Activity.Current?.Id ?? HttpContext.TraceIdentifier));
    }
}

public sealed record ErrorPage(int StatusCode, string RequestId);
