using System.Globalization;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Notifications;
using CoordinationPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Extensions;

/// <summary>
/// Adds the notifications of an extension event, unsaved, for the command to save with the
/// request's change (ADR 0042). Words get, after the shared arguments, the date: proposed (asked)
/// or granted until (granted), as dd/MM/yyyy.
/// </summary>
public sealed class ExtensionNotifications(PortalDbContext db, NotificationWriter writer)
{
    public async Task AddAsync(ExtensionRequest request, NotificationKind kind, string link, string actingUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Those the rule can name work for the request's agency: its central officers and its branches' officers.
        var candidates = await NotificationCandidates.LoadAsync(db.Users.Where(u => u.AgencyId == request.AgencyId), cancellationToken);
        var recipients = NotificationAudience.Of(kind, request, candidates, actingUserId);
        if (recipients.Count == 0)
        {
            return;
        }

        var province = await db.Provinces.AsNoTracking().SingleAsync(p => p.Id == request.ProvinceId, cancellationToken);
        var agencyCode = await db.Agencies.AsNoTracking().Where(a => a.Id == request.AgencyId).Select(a => a.Code).SingleAsync(cancellationToken);
        var comment = kind == NotificationKind.ExtensionRequested ? request.Reason : request.DecisionComment;
        var arguments = NotificationText.Arguments(province.NameOn(request.Quarter.LastDay), agencyCode, request.Quarter, comment);
        arguments.Add(Display.Date(kind == NotificationKind.ExtensionGranted ? request.GrantedUntil!.Value : request.ProposedUntil));

        // A request is asked once and decided once; before it is saved it has no id, so the asking is
        // named by its branch, quarter and moment (one pending request per branch and quarter).
        var eventKey = kind == NotificationKind.ExtensionRequested
            ? string.Create(CultureInfo.InvariantCulture, $"{kind}:{request.PlanId}:{request.Quarter.Key}:{request.ProvinceId}:{request.AgencyId}:{request.CreatedAtUtc.Ticks}")
            : string.Create(CultureInfo.InvariantCulture, $"{kind}:{request.Id}");
        await writer.AddAsync(new NotificationEvent(kind, ReportId: null, link, arguments, eventKey), recipients, cancellationToken);
    }
}
