using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// The question asked before an action that cannot simply be taken back, on a page of its own:
/// what a browser without JavaScript sees (wwwroot/js/confirm.js asks the same in a dialog and
/// sends <see cref="Field"/>=true). The page posts the same fields again, confirmed. See ADR 0032.
/// </summary>
public sealed record ConfirmPage(string Question, string ConfirmLabel, bool Danger, string CancelUrl, string Action, IReadOnlyList<KeyValuePair<string, string>> Fields);

public static class Confirmation
{
    /// <summary>The form field that says the person has answered the question.</summary>
    public const string Field = "Confirmed";

    public const string ViewName = "Confirm";

    /// <summary>The question, with every field the person posted carried to the confirmed post.</summary>
    public static ViewResult AskFirst(this Controller controller, string question, string confirmLabel, string cancelUrl, bool danger = false)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var request = controller.Request;
        var fields = new List<KeyValuePair<string, string>>();
        if (request.HasFormContentType)
        {
            foreach (var (name, values) in request.Form)
            {
                if (name is "__RequestVerificationToken" or Field)
                {
                    continue;
                }

                fields.AddRange(values.Select(value => new KeyValuePair<string, string>(name, value ?? string.Empty)));
            }
        }

        // Never cached: it may repeat what was typed.
        controller.Response.Headers.CacheControl = "no-store";
        return controller.View(ViewName, new ConfirmPage(question, confirmLabel, danger, cancelUrl, request.PathBase + request.Path, fields));
    }
}
