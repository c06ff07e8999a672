using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// MVC's own binding messages ("The value 'abc' is not valid for Year.") in the reader's language:
/// they are shown beside a field (text typed in a number box, a choice that is not one) or on the
/// 400 page, so they name what was typed rather than the C# property.
/// </summary>
public sealed class BindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var localizer = factory.Create(typeof(SharedResource));
        string Invalid(string? value) => localizer["Validation.ValueInvalid", Display.Shorten(value, 40)];
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => Invalid(value));
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(Invalid);
        messages.SetValueIsInvalidAccessor(Invalid);
        messages.SetUnknownValueIsInvalidAccessor(_ => localizer["Validation.Choice"]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["Validation.Choice"]);
        messages.SetValueMustBeANumberAccessor(_ => localizer["Validation.Number"]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => localizer["Validation.Number"]);

        // The rest of MVC's messages: an empty value for a field that needs one, a missing key or body.
        messages.SetValueMustNotBeNullAccessor(_ => localizer["Validation.ValueMissing"]);
        messages.SetMissingBindRequiredValueAccessor(_ => localizer["Validation.ValueMissing"]);
        messages.SetMissingKeyOrValueAccessor(() => localizer["Validation.ValueMissing"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer["Validation.BodyMissing"]);
    }
}
