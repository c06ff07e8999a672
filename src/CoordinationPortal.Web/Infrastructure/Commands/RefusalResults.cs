using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Infrastructure.Commands;

public static class RefusalResults
{
    /// <summary>
    /// How a page answers a refusal it does not show in a form: 404, 403, or back to
    /// <paramref name="returnTo"/> with the reason as a notice (a state, not a permission: submitted, locked).
    /// </summary>
    public static IActionResult Answer(this Controller controller, Refusal refusal, Notifier notifier, string returnTo)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentNullException.ThrowIfNull(notifier);
        switch (refusal.Kind)
        {
            case RefusalKind.NotFound:
                return controller.NotFound();
            case RefusalKind.Forbidden:
                return controller.Forbid();
            default:
                notifier.Error(refusal.MessageKey ?? "Error.BadRequest.Text", refusal.Arguments ?? []);
                return controller.Redirect(returnTo);
        }
    }
}
