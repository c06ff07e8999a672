using System.Globalization;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace CoordinationPortal.Web.Features.PlanEditing;

/// <summary>What an input shows: what was typed when it could not be read (so nothing typed is lost), else the value.</summary>
public static class FormValues
{
    public static string? Typed(this ViewDataDictionary viewData, string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        return viewData.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.AttemptedValue : value;
    }

    public static string? Typed(this ViewDataDictionary viewData, string key, int? value) =>
        viewData.Typed(key, value?.ToString(CultureInfo.InvariantCulture));

    public static string? Typed(this ViewDataDictionary viewData, string key, DateOnly? value) =>
        viewData.Typed(key, value is { } date ? Infrastructure.Display.Date(date) : null);

    /// <summary>Whether binding or the command found something wrong with the field.</summary>
    public static bool HasError(this ViewDataDictionary viewData, string key)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        return viewData.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0;
    }
}
