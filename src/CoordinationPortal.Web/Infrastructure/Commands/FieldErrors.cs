using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CoordinationPortal.Web.Infrastructure.Commands;

/// <summary>Errors a command found in what was typed, by form field; the page shows each under its field.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public IReadOnlyDictionary<string, string> ByField => _errors;

    /// <summary>Keeps the first message for a field: it is the one to fix first. An empty field name means the whole form.</summary>
    public FieldErrors Add(string field, string message)
    {
        _errors.TryAdd(field, message);
        return this;
    }

    /// <summary>The errors binding and validation found, so a command answers for those too.</summary>
    public static FieldErrors From(ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        var errors = new FieldErrors();
        foreach (var (key, entry) in modelState)
        {
            if (entry.Errors.Count > 0)
            {
                errors.Add(key, entry.Errors[0].ErrorMessage);
            }
        }

        return errors;
    }
}

public static class FieldErrorsExtensions
{
    /// <summary>Puts a refusal's field errors into model state, where the page shows them.</summary>
    public static void AddTo(this IReadOnlyDictionary<string, string> errors, ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(modelState);
        foreach (var (field, message) in errors)
        {
            if (!modelState.TryGetValue(field, out var entry) || entry.Errors.Count == 0)
            {
                modelState.AddModelError(field, message);
            }
        }
    }
}
