using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// A value typed as text in a form or a query string (a date, a quarter): read it, or say in the
/// reader's language why it cannot be read, under the field. A blank is "no value" for a nullable
/// field and a "required" message otherwise.
/// </summary>
public abstract class TextModelBinder<T> : IModelBinder
    where T : struct
{
    /// <summary>The resource key for a blank non-nullable field.</summary>
    protected abstract string RequiredKey { get; }

    /// <summary>The value, or the message (already localized) that says what is wrong with the text.</summary>
    protected abstract (T? Value, string? Error) Read(string text, IStringLocalizer localizer);

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
        var localizer = bindingContext.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var text = value.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (!bindingContext.ModelMetadata.IsReferenceOrNullableType)
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, localizer[RequiredKey]);
            }

            return Task.CompletedTask;
        }

        var (read, error) = Read(text, localizer);
        if (read is { } result)
        {
            bindingContext.Result = ModelBindingResult.Success(result);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, error ?? localizer["Error.BadRequest.Text"]);
        }

        return Task.CompletedTask;
    }
}
