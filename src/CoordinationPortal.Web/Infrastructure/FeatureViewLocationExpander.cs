using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// Finds a controller's views in its feature folder, named by the controller's namespace
/// (CoordinationPortal.Web.Features.Account.TwoFactorController -> /Features/Account/), so that one
/// feature can have several controllers. A view of another feature rendered by a controller (the
/// report form shown again by the workbook import, with a conflict) still finds its partials beside
/// it: after the controller's folder, the folder of the view that asks for the partial is searched.
/// </summary>
public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    private const string FeatureKey = "feature";
    private const string CallerKey = "caller-feature";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action)
        {
            var ns = action.ControllerTypeInfo.Namespace ?? string.Empty;
            context.Values[FeatureKey] = ns[(ns.LastIndexOf('.') + 1)..];
        }

        // A partial asked for by a view of another feature folder (never by a shared one: the layout's partials stay where they are).
        if (!context.IsMainPage && context.ActionContext is Microsoft.AspNetCore.Mvc.Rendering.ViewContext { ExecutingFilePath: { } path }
            && path.Split('/') is ["", "Features", var folder, _] && folder != "Shared"
            && (!context.Values.TryGetValue(FeatureKey, out var own) || own != folder))
        {
            context.Values[CallerKey] = folder;
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        ArgumentNullException.ThrowIfNull(context);
        var feature = context.Values.TryGetValue(FeatureKey, out var value) ? value : null;
        var caller = context.Values.TryGetValue(CallerKey, out var other) && other != feature ? other : null;
        foreach (var location in viewLocations)
        {
            if (!location.Contains("{feature}", StringComparison.Ordinal))
            {
                yield return location;
                continue;
            }

            if (feature is not null)
            {
                yield return location.Replace("{feature}", feature, StringComparison.Ordinal);
            }

            if (caller is not null)
            {
                yield return location.Replace("{feature}", caller, StringComparison.Ordinal);
            }
        }
    }
}
