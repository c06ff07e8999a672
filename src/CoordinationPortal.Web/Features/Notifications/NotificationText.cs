using System.Globalization;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Notifications;

/// <summary>
/// A notification's words in the reader's language, from its kind and stored arguments. Every kind
/// stores the same first five arguments (unit, agency code, quarter number, year, comment; empty
/// where they do not apply) and may add its own after them, already formatted. The words
/// (<c>Notification.{Kind}</c>) get {0} the unit, {1} the branch, {2} the quarter as the portal
/// writes it ("Quý IV/2024"), and {3}, {4}... the kind's own arguments.
/// </summary>
public static class NotificationText
{
    public const int ProvinceArgument = 0, AgencyArgument = 1, QuarterNumberArgument = 2, YearArgument = 3, CommentArgument = 4, FirstOwnArgument = 5;

    /// <summary>The five shared arguments, to which a kind appends its own.</summary>
    public static List<string> Arguments(string? province, string? agencyCode, Quarter? quarter, string? comment) =>
    [
        province ?? string.Empty,
        agencyCode ?? string.Empty,
        quarter?.Number.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        quarter?.Year.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        comment?.Trim() ?? string.Empty,
    ];

    public static string Message(IStringLocalizer l, NotificationKind kind, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(arguments);
        string At(int i) => i < arguments.Count ? arguments[i] : string.Empty;
        var agency = At(AgencyArgument) is { Length: > 0 } code ? l["BranchShort." + code].Value : string.Empty;
        var quarter = QuarterOf(arguments) is { } q ? l.Quarter(q) : string.Empty;
        object[] format = [At(ProvinceArgument), agency, quarter, .. arguments.Skip(FirstOwnArgument)];
        return l[$"Notification.{kind}", format];
    }

    /// <summary>The quarter the notification is about, if it names one.</summary>
    public static Quarter? QuarterOf(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.Count > YearArgument
            && int.TryParse(arguments[QuarterNumberArgument], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && int.TryParse(arguments[YearArgument], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && number is >= 1 and <= 4 && year is >= Quarter.MinYear and <= Quarter.MaxYear
                ? new Quarter(year, number)
                : null;
    }

    /// <summary>The reviewer's words that came with it (a return's comment, a reopening's reason), if any.</summary>
    public static string? Comment(IReadOnlyList<string> arguments) =>
        arguments is not null && arguments.Count > CommentArgument && arguments[CommentArgument].Length > 0
            ? arguments[CommentArgument]
            : null;
}
