using CoordinationPortal.Domain.Notifications;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Notifications;

/// <summary>A notification's words in the reader's language, from its kind and stored arguments.</summary>
public static class NotificationText
{
    public static string Message(IStringLocalizer l, NotificationKind kind, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(arguments);
        string At(int i) => i < arguments.Count ? arguments[i] : string.Empty;
        return l[$"Notification.{kind}", At(ReportNotifications.ProvinceArgument), l["BranchShort." + At(ReportNotifications.AgencyArgument)],
            At(ReportNotifications.QuarterNumberArgument), At(ReportNotifications.YearArgument)];
    }

    /// <summary>The reviewer's words that came with it (a return's comment, a reopening's reason), if any.</summary>
    public static string? Comment(IReadOnlyList<string> arguments) =>
        arguments is not null && arguments.Count > ReportNotifications.CommentArgument && arguments[ReportNotifications.CommentArgument].Length > 0
            ? arguments[ReportNotifications.CommentArgument]
            : null;
}
