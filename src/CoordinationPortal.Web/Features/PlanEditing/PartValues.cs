using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.PlanEditing;

/// <summary>
/// Each part of a plan as a list of plain values: what its form shows, what a save compares
/// ("nothing changed, nothing written"), and the stamp a form carries of the part as it was shown.
/// The plan has one version for all its parts, so the stamp tells a save whether this part changed
/// meanwhile or only another one (docs/decisions/0023).
/// </summary>
public static class PartValues
{
    public static IReadOnlyList<string> Header(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Header(plan.Number, plan.IssuedOn, plan.Place, plan.Title, plan.ProgrammeId);
    }

    public static IReadOnlyList<string> Header(string number, DateOnly issuedOn, string place, string title, int programmeId) =>
        [number, Display.Date(issuedOn), place, title, programmeId.ToString(CultureInfo.InvariantCulture)];

    public static IReadOnlyList<string> Text(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Text(plan.Preamble, plan.FundingText, [.. plan.Purposes.OrderBy(p => p.Number).Select(p => p.Text)], [.. plan.Recipients.OrderBy(r => r.Number).Select(r => r.Text)]);
    }

    public static IReadOnlyList<string> Text(string preamble, string funding, IReadOnlyList<string> purposes, IReadOnlyList<string> recipients) =>
        [preamble, funding, Joined(purposes), Joined(recipients)];

    public static IReadOnlyList<string> Organisation(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Organisation(
            [.. plan.Duties.OrderBy(d => d.Number).Select(d => (d.AgencyId, d.Text))],
            [.. plan.Signatories.OrderBy(s => s.Number).Select(s => new SignatoryValues(s.AgencyId, s.AgencyHeading, s.AuthorityLine, s.TitleLine, s.FullName))]);
    }

    public static IReadOnlyList<string> Organisation(IReadOnlyList<(int AgencyId, string Text)> duties, IReadOnlyList<SignatoryValues> signatories) =>
        [.. duties.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.AgencyId}:{d.Text}")), "|", .. signatories.Select(s => s.ToString())];

    /// <summary>The activities in their order, by id: what a move or a removal was decided on.</summary>
    public static IReadOnlyList<string> ActivityList(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.Activities.OrderBy(a => a.Number).Select(a => a.Id.ToString(CultureInfo.InvariantCulture))];
    }

    /// <summary>A short fingerprint of a part's values; the same values always give the same stamp.</summary>
    public static string Stamp(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001F', values)));
        return Convert.ToHexString(hash, 0, 12);
    }

    /// <summary>
    /// Whether a part form may be saved over what is stored: it was shown from this version, or only
    /// other parts changed since (its stamp still matches the part).
    /// </summary>
    public static bool StartedFrom(PartForm form, int storedVersion, IReadOnlyList<string> storedValues)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Version == storedVersion || string.Equals(form.Stamp, Stamp(storedValues), StringComparison.Ordinal);
    }

    public static string Joined(IEnumerable<string> lines) => string.Join('\n', lines);

    /// <summary>The non-empty lines of a text area, cleaned and trimmed: "one item per line".</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        [.. (PlainText.Clean(text) ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}

public sealed record SignatoryValues(int AgencyId, string AgencyHeading, string? AuthorityLine, string TitleLine, string FullName)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{AgencyId}|{AgencyHeading}|{AuthorityLine}|{TitleLine}|{FullName}");
}

/// <summary>
/// Reads a typed text the way the domain will store it (cleaned, trimmed) and says in the reader's
/// language, under its field, what is missing or too long, before the domain would refuse it.
/// </summary>
public sealed class FormReader(FieldErrors errors, IStringLocalizer localizer)
{
    public FieldErrors Errors => errors;

    public string? Text(string field, string labelKey, string? value, int maxLength, bool required)
    {
        var cleaned = PlainText.Clean(value)?.Trim() ?? string.Empty;
        if (cleaned.Length == 0)
        {
            if (required)
            {
                errors.Add(field, localizer["Validation.Required", localizer[labelKey]]);
            }

            return null;
        }

        if (cleaned.Length > maxLength)
        {
            errors.Add(field, localizer["Validation.TooLongMax", localizer[labelKey], maxLength]);
            return null;
        }

        return cleaned;
    }

    /// <summary>One item per line; each line at most <paramref name="maxLength"/> characters.</summary>
    public IReadOnlyList<string> Lines(string field, string labelKey, string? value, int maxLength)
    {
        var lines = PartValues.Lines(value);
        if (lines.FirstOrDefault(l => l.Length > maxLength) is { } tooLong)
        {
            errors.Add(field, localizer["PlanEdit.LineTooLong", localizer[labelKey], maxLength, Display.Shorten(tooLong, 60)]);
        }

        return lines;
    }

    public void Add(string field, string messageKey, params object[] arguments) => errors.Add(field, localizer[messageKey, arguments]);

    public void Required(string field, string labelKey) => errors.Add(field, localizer["Validation.Required", localizer[labelKey]]);
}
