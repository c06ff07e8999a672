using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Home;

/// <summary>The first page after sign-in: what the caller must do now; the plan document is one link away.</summary>
public sealed class HomeController(HomeQueries queries) : Controller
{
    [HttpGet("/", Name = RouteNames.Home)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await queries.GetAsync(User.ToActor()!, cancellationToken));
}
