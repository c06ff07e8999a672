using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Forms;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Progress;

/// <summary>
/// The indicator inputs of one form section: names are "{Prefix}[indicatorId]". A form whose figures
/// mean something particular says so under the legend (<paramref name="HintKey"/>).
/// </summary>
public sealed record IndicatorInputsModel(string Prefix, string IdPrefix, IReadOnlyList<IndicatorField> Fields, IReadOnlyDictionary<int, string?> Values, string? HintKey = null);

/// <summary>An indicator as a form shows it.</summary>
public sealed record IndicatorField(int Id, string Name, string? EnglishName, IndicatorUnit Unit, bool IsRetired);

/// <summary>
/// Reads indicator values as officers type them (<see cref="WholeNumberText"/>); blanks mean "no
/// value". Anything else gets a clear message under the field, and what was typed stays in the form.
/// </summary>
public static class IndicatorInput
{
    /// <inheritdoc cref="WholeNumberText.TryParse"/>
    public static bool TryParse(string? text, out long value) => WholeNumberText.TryParse(text, out value);

    /// <summary>
    /// The values of the given indicators (others posted are ignored); errors go to
    /// "{prefix}[indicatorId]".
    /// </summary>
    public static List<IndicatorValue> Read(
        IReadOnlyDictionary<int, string?>? raw,
        IEnumerable<IndicatorField> fields,
        string prefix,
        FieldErrors errors,
        IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(localizer);
        var values = new List<IndicatorValue>();
        foreach (var field in fields)
        {
            if (raw is null || !raw.TryGetValue(field.Id, out var text) || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (TryParse(text, out var value))
            {
                values.Add(new IndicatorValue(field.Id, value));
            }
            else
            {
                errors.Add($"{prefix}[{field.Id}]", localizer[field.Unit == IndicatorUnit.Vnd ? "Validation.WholeDong" : "Validation.WholeNumber", field.Name]);
            }
        }

        return values;
    }

    /// <summary>How a stored value appears in an input: 1.234.567.</summary>
    public static string Format(long value) => WholeNumberText.Format(value);
}
