using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Features.Extensions;

/// <summary>
/// The one write path of extension requests: a province-branch asks, the branch's central officers
/// grant (a lock exemption, made by <see cref="ExemptionGrants"/> as an administrator's is) or
/// decline. Each saves once: the request's change, the exemption, the notifications and their
/// e-mails together; the audit trail records the rows.
/// </summary>
public sealed class ExtensionCommands(
    PortalDbContext db,
    ExtensionQueries queries,
    ExemptionGrants exemptions,
    ExtensionNotifications notifications,
    FormTokens tokens,
    LinkGenerator links,
    IOptions<ExtensionOptions> options,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock)
{
    /// <summary>
    /// Asks for more time on a quarter: only an officer of the branch, only while its report is not
    /// sent and the quarter is locked for it or locks within the notice days, one pending request at
    /// a time, once per form.
    /// </summary>
    public async Task<Result<int>> AskAsync(Caller caller, AskExtensionForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        var actor = caller.Actor;
        if (!Permissions.HasOwnReports(actor) || actor.ProvinceId is not { } province || actor.AgencyId is not { } agency)
        {
            return Refusal.Forbidden;
        }

        if (errors.Any)
        {
            return Refusal.Invalid(errors);
        }

        // The checks run inside the token's claim: a repeated form gets the first answer, not "already pending".
        var quarter = form.Quarter!.Value;
        return await tokens.OnceAsync(form.FormToken, caller.UserId, async () =>
        {
            if (await queries.RefusalToAskAsync(form.PlanId, quarter, province, agency, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            var reportId = await db.QuarterlyReports.Where(r => r.PlanId == form.PlanId && r.Quarter == quarter && r.ProvinceId == province && r.AgencyId == agency)
                .Select(r => (int?)r.Id).SingleOrDefaultAsync(cancellationToken);
            ExtensionRequest request;
            try
            {
                request = ExtensionRequest.Ask(form.PlanId, quarter, province, agency, reportId, form.Reason, form.ProposedUntil!.Value, caller.UserId, caller.Name, clock.GetUtcNow().UtcDateTime, options.Value.MaxDays);
            }
            catch (DomainRuleException rule)
            {
                return Refusal.Invalid(errors.Add(rule.Code == "Rule.ExtensionProposedDate" ? nameof(AskExtensionForm.ProposedUntil) : nameof(AskExtensionForm.Reason), localizer.Describe(rule)));
            }

            db.ExtensionRequests.Add(request);
            await notifications.AddAsync(request, NotificationKind.ExtensionRequested, Link(RouteNames.Extensions, null), caller.UserId, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another officer of the branch asked at the same moment: the unique index kept theirs.
                db.ChangeTracker.Clear();
                return Refusal.Because("Extension.AlreadyPending");
            }

            return Result.Done(request.Id);
        }, cancellationToken);
    }

    /// <summary>Grants a pending request until a date the officer chooses (today up to the configured maximum).</summary>
    public async Task<Result<int>> GrantAsync(Caller caller, int requestId, GrantExtensionForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        var request = await LoadPendingAsync(caller, requestId, errors, cancellationToken);
        if (!request.Succeeded)
        {
            return request.Refusal!;
        }

        var found = request.Value!;

        var exemption = await exemptions.AddAsync(
            caller, found.PlanId, found.Quarter, found.ProvinceId, found.AgencyId, form.Until!.Value, ExemptionReason(found), options.Value.MaxDays,
            new ExemptionFields(nameof(GrantExtensionForm.Until), nameof(GrantExtensionForm.Note)), cancellationToken);
        if (!exemption.Succeeded)
        {
            return exemption.Refusal!;
        }

        try
        {
            found.Grant(exemption.Value!, form.Note, caller.UserId, caller.Name, clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainRuleException rule) when (rule.Code == "Rule.TooLong")
        {
            return Refusal.Invalid(errors.Add(nameof(GrantExtensionForm.Note), localizer["Validation.TooLong", localizer["Extension.GrantComment"], ExtensionRequest.MaxCommentLength]));
        }

        await notifications.AddAsync(found, NotificationKind.ExtensionGranted, Link(RouteNames.Extension, new { id = found.Id }), caller.UserId, cancellationToken);
        return await SaveDecisionAsync(found, cancellationToken);
    }

    /// <summary>Declines a pending request; the comment tells the province why.</summary>
    public async Task<Result<int>> DeclineAsync(Caller caller, int requestId, DeclineExtensionForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        var request = await LoadPendingAsync(caller, requestId, errors, cancellationToken);
        if (!request.Succeeded)
        {
            return request.Refusal!;
        }

        var found = request.Value!;

        try
        {
            found.Decline(form.Comment, caller.UserId, caller.Name, clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainRuleException rule) when (rule.Code is "Rule.CommentNeeded" or "Rule.Required" or "Rule.TooLong")
        {
            var message = rule.Code == "Rule.TooLong"
                ? localizer["Validation.TooLong", localizer["Extension.DeclineComment"], ExtensionRequest.MaxCommentLength]
                : localizer["Extension.DeclineNeedsComment"];
            return Refusal.Invalid(errors.Add(nameof(DeclineExtensionForm.Comment), message));
        }

        await notifications.AddAsync(found, NotificationKind.ExtensionDeclined, Link(RouteNames.Extension, new { id = found.Id }), caller.UserId, cancellationToken);
        return await SaveDecisionAsync(found, cancellationToken);
    }

    /// <summary>
    /// The request to decide: not found unless the caller may read it, forbidden unless they may
    /// decide it, refused once decided, and the form's errors only after those (ids reveal nothing).
    /// </summary>
    private async Task<Result<ExtensionRequest>> LoadPendingAsync(Caller caller, int requestId, FieldErrors errors, CancellationToken cancellationToken)
    {
        var request = await db.ExtensionRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || !Permissions.CanReadExtension(caller.Actor, request))
        {
            return Refusal.NotFound;
        }

        if (!Permissions.CanDecideExtension(caller.Actor, request))
        {
            return Refusal.Forbidden;
        }

        if (request.State != ExtensionState.Pending)
        {
            return Refusal.Because("Extension.AlreadyDecided");
        }

        return errors.Any ? Refusal.Invalid(errors) : Result.Done(request);
    }

    private async Task<Result<int>> SaveDecisionAsync(ExtensionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another officer decided it first (the state is the concurrency token): theirs stands.
            db.ChangeTracker.Clear();
            return Refusal.Because("Extension.AlreadyDecided");
        }

        return Result.Done(request.Id);
    }

    /// <summary>The exemption says why it exists: the province's reason, as long as an exemption's reason may be.</summary>
    private static string ExemptionReason(ExtensionRequest request) =>
        request.Reason.Length <= LockExemption.MaxReasonLength ? request.Reason : request.Reason[..(LockExemption.MaxReasonLength - 1)] + "…";

    private string Link(string route, object? values) =>
        links.GetPathByName(route, values) ?? throw new InvalidOperationException($"No route named {route}.");
}
