using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
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
