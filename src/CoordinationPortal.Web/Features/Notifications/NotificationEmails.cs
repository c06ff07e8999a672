using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Email;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Notifications;

/// <summary>
/// A notification as an e-mail in the reader's language: the same words as in the portal, the
/// comment if any, one link to the page (the portal's configured address), and why it came and
/// where to turn it off. Plain text and HTML; no images, no tracking.
/// </summary>
public sealed class NotificationEmails(IStringLocalizer<SharedResource> l, EmailOutbox outbox)
{
    private const int MaxSubjectLength = 200;

    // Vietnamese letters stay letters (UTF-8 body) instead of &#x...; references; markup is still escaped.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public OutgoingEmail Compose(NotificationEvent notice, EmailReader reader)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(reader);

        // Localizers read the current UI culture: write this e-mail in the reader's, then put it back.
        var culture = reader.Language == "en" ? LocalizationSetup.English : LocalizationSetup.Vietnamese;
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var message = NotificationText.Message(l, notice.Kind, notice.Arguments);
            var comment = NotificationText.Comment(notice.Arguments);
            var link = outbox.LinkTo(notice.ReportId is { } id ? $"/reports/{id.ToString(CultureInfo.InvariantCulture)}" : notice.Link ?? "/");
            var settings = outbox.LinkTo("/account#email");
            var greeting = l["Email.Greeting", reader.FullName].Value;
            var open = l["Email.Open"].Value;
            var commentLabel = l["Email.Comment"].Value;
            var why = l["Email.Why", l["Email.Choice." + Domain.Notifications.NotificationKinds.EmailChoiceOf(notice.Kind)]].Value;
            var settingsText = l["Email.Settings"].Value;

            var subject = l["Email.Subject", message].Value;
            if (subject.Length > MaxSubjectLength)
            {
                subject = string.Concat(subject.AsSpan(0, MaxSubjectLength - 1), "…");
            }

            var text = new StringBuilder()
                .AppendLine(greeting).AppendLine()
                .AppendLine(message).AppendLine();
            if (comment is not null)
            {
                text.AppendLine(commentLabel).AppendLine(comment).AppendLine();
            }

            text.Append(open).Append(' ').AppendLine(link).AppendLine()
                .AppendLine("--")
                .AppendLine(why)
                .Append(settingsText).Append(' ').AppendLine(settings);

            var h = Html;
            var html = new StringBuilder()
                .Append("<!DOCTYPE html><html lang=\"").Append(culture.TwoLetterISOLanguageName).Append("\"><head><meta charset=\"utf-8\"><title>")
                .Append(h.Encode(subject)).Append("</title></head><body style=\"font-family:Arial,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a\">")
                .Append("<p>").Append(h.Encode(greeting)).Append("</p>")
                .Append("<p><strong>").Append(h.Encode(message)).Append("</strong></p>");
            if (comment is not null)
            {
                html.Append("<p>").Append(h.Encode(commentLabel)).Append("</p><blockquote style=\"margin:0 0 1em;padding-left:12px;border-left:3px solid #999;white-space:pre-wrap\">")
                    .Append(h.Encode(comment)).Append("</blockquote>");
            }

            html.Append("<p><a href=\"").Append(h.Encode(link)).Append("\">").Append(h.Encode(open)).Append("</a><br><span style=\"color:#555\">")
                .Append(h.Encode(link)).Append("</span></p>")
                .Append("<hr><p style=\"color:#555;font-size:13px\">").Append(h.Encode(why)).Append("<br><a href=\"").Append(h.Encode(settings)).Append("\">")
                .Append(h.Encode(settingsText)).Append("</a></p></body></html>");

            return new OutgoingEmail(
                $"{notice.EventKey}:{reader.UserId}",
                reader.Address,
                reader.UserId,
                culture.Name,
                subject,
                text.ToString(),
                html.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
