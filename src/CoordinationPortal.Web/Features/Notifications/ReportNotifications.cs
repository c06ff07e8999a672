using System.Globalization;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Notifications;

/// <summary>
/// Adds the notifications of a report event to the context, unsaved: the command that changed the
/// report saves them with its change, so both are written or neither (ADR 0042).
/// </summary>
public sealed class ReportNotifications(PortalDbContext db, NotificationWriter writer)
{
    public async Task AddAsync(QuarterlyReport report, NotificationKind kind, string actingUserId, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);

        // Everyone the rule could name works for the report's agency (its reviewers, its branch's
        // officers): a handful of accounts, read once and judged by NotificationAudience.
        var candidates = await NotificationCandidates.LoadAsync(db.Users.Where(u => u.AgencyId == report.AgencyId), cancellationToken);
        var recipients = NotificationAudience.Of(kind, report, candidates, actingUserId);
        if (recipients.Count == 0)
        {
            return;
        }

        var province = await db.Provinces.AsNoTracking().SingleAsync(p => p.Id == report.ProvinceId, cancellationToken);
        var agencyCode = await db.Agencies.AsNoTracking().Where(a => a.Id == report.AgencyId).Select(a => a.Code).SingleAsync(cancellationToken);
        var arguments = NotificationText.Arguments(province.NameOn(report.Quarter.LastDay), agencyCode, report.Quarter, comment);

        // The report's version names this occurrence: returning it twice is two events, one retry is one.
        var eventKey = string.Create(CultureInfo.InvariantCulture, $"{kind}:{report.Id}:v{report.Version}");
        await writer.AddAsync(new NotificationEvent(kind, report.Id, Link: null, arguments, eventKey), recipients, cancellationToken);
    }
}
