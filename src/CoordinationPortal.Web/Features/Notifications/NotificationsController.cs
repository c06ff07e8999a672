using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Notifications;

/// <summary>A person's own notifications: the list, opening one (read, then its page), marking read. Every signed-in role has them.</summary>
public sealed class NotificationsController(NotificationQueries queries, NotificationCommands commands, Notifier notifier) : Controller
{
    [HttpGet("/notifications", Name = RouteNames.Notifications)]
    public async Task<IActionResult> Index(int page = 1)
    {
        if (User.UserId() is not { } userId)
        {
            return Challenge();
        }

        return View("Index", await queries.PageAsync(userId, page, HttpContext.RequestAborted));
    }

    /// <summary>
    /// Opening a notification marks it read and goes to its report. A GET, so the link works from
    /// anywhere (a new tab, a copied address); it changes nothing but the reader's own read mark.
    /// </summary>
    [HttpGet("/notifications/{id:long}", Name = RouteNames.NotificationOpen)]
    public async Task<IActionResult> Open(long id)
    {
        if (User.UserId() is not { } userId)
        {
            return Challenge();
        }

        var result = await commands.MarkReadAsync(userId, id, HttpContext.RequestAborted);
        if (!result.Succeeded || result.Value is not { } target)
        {
            return NotFound();
        }

        return target.ReportId is { } reportId ? Redirect(Url.Report(reportId))
            : Data.Notifications.Notification.IsPortalPath(target.Link) ? LocalRedirect(target.Link!)
            : Redirect(Url.Notifications());
    }

    [HttpPost("/notifications/{id:long}/read")]
    public async Task<IActionResult> MarkRead(long id, int page = 1)
    {
        if (User.UserId() is not { } userId)
        {
            return Challenge();
        }

        var result = await commands.MarkReadAsync(userId, id, HttpContext.RequestAborted);
        return result.Succeeded ? Redirect(Url.Notifications(page)) : NotFound();
    }

    [HttpPost("/notifications/read-all")]
    public async Task<IActionResult> MarkAllRead()
    {
        if (User.UserId() is not { } userId)
        {
            return Challenge();
        }

        await commands.MarkAllReadAsync(userId, HttpContext.RequestAborted);
        notifier.Success("Notifications.AllMarkedRead");
        return Redirect(Url.Notifications());
    }
}
