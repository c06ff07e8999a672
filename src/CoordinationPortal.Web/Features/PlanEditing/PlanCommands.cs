using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.PlanEditing;

/// <summary>A part form that lost to a save made meanwhile: the comparison, and the version and stamp to save over it knowingly.</summary>
public sealed record PartConflict(ConflictView View, int Version, string Stamp);

/// <summary>A published plan: its number and the quarters that now receive provincial reports.</summary>
public sealed record PlanPublished(string Number, IReadOnlyList<Quarter> Quarters);

/// <summary>
/// The one write path of plans and programmes: create (blank or copied, with its calendar and
/// indicators, in one transaction), save each part of the plan on its own, publish. Each command
/// asks <see cref="Permissions"/>, reads only plans the caller may see (<see cref="PlanScope"/>),
/// checks what was typed, lets the plan guard its rules and saves; the audit interceptor records
/// every change.
/// </summary>
public sealed class PlanCommands(PortalDbContext db, FormTokens tokens, IStringLocalizer<SharedResource> localizer, TimeProvider clock)
{
    /// <summary>
    /// Creates a draft for a year: empty, or a copy of a plan the caller may see. With it, in the
    /// same transaction, the default reporting calendar of its four quarters and, for a copy, the
    /// source's indicators that are in use (without targets). One plan per form, however often it is sent.
    /// </summary>
    public async Task<Result<int>> CreateAsync(Caller caller, NewPlanForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Permissions.CanDraftPlans(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var read = new FormReader(errors, localizer);
        var start = form.Start ?? PlanStart.Blank;
        if (!Enum.IsDefined(start))
        {
            read.Add(nameof(NewPlanForm.Start), "Validation.Choice");
        }

        Plan? source = null;
        if (start == PlanStart.Copy)
        {
            source = form.SourcePlanId is { } sourceId
                ? await db.Plans.AsNoTracking().Where(PlanScope.VisibleTo(caller.Actor)).Include(p => p.Activities).ThenInclude(a => a.Tasks).SingleOrDefaultAsync(p => p.Id == sourceId, cancellationToken)
                : null;
            if (source is null)
            {
                read.Add(nameof(NewPlanForm.SourcePlanId), "PlanNew.SourceRequired");
            }
        }

        var year = ReadYear(read, nameof(NewPlanForm.Year), "PlanNew.Year", form.Year);
        var programme = await ReadProgrammeAsync(read, form.ProgrammeId, required: true, cancellationToken);
        var number = read.Text(nameof(NewPlanForm.Number), "PlanEdit.Number", form.Number, Plan.MaxNumberLength, required: true);
        var place = read.Text(nameof(NewPlanForm.Place), "PlanEdit.Place", form.Place, Plan.MaxPlaceLength, required: true);
        var title = read.Text(nameof(NewPlanForm.Title), "PlanEdit.Title", form.Title, Plan.MaxTitleLength, required: true);
        if (form.IssuedOn is null)
        {
            read.Add(nameof(NewPlanForm.IssuedOn), "Validation.DateRequired");
        }

        if (errors.Any)
        {
            return Refusal.Invalid(errors);
        }

        Plan plan;
        try
        {
            if (source is null)
            {
                plan = new Plan(programme!, year!.Value, number!, form.IssuedOn!.Value, place!, title!);
            }
            else
            {
                plan = source.CopyForYear(year!.Value, programme!, number!, form.IssuedOn!.Value);
                if (plan.Place != place || plan.Title != title)
                {
                    plan.ReviseHeader(programme!, number!, form.IssuedOn.Value, place!, title!);
                }
            }
        }
        catch (DomainRuleException rule)
        {
            return Refusal.Invalid(errors.Add(HeaderFieldOf(rule, nameof(NewPlanForm.Year)), localizer.Describe(rule)));
        }

        return await tokens.OnceAsync(form.FormToken, caller.UserId, async () =>
        {
            if (await NumberTakenAsync(number!, exceptPlanId: null, cancellationToken))
            {
                return Refusal.Invalid(errors.Add(nameof(NewPlanForm.Number), localizer["PlanEdit.NumberTaken", number!]));
            }

            // FormTokens runs this inside its transaction; without a token, this command opens its own.
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            db.Plans.Add(plan);
            try
            {
                await db.SaveChangesAsync(cancellationToken); // the plan and its activities get their ids
            }
            catch (DbUpdateException)
            {
                // Another plan took the number between the check and the write (a unique index).
                db.ChangeTracker.Clear();
                if (!await NumberTakenAsync(number!, exceptPlanId: null, CancellationToken.None))
                {
                    throw;
                }

                return Refusal.Invalid(errors.Add(nameof(NewPlanForm.Number), localizer["PlanEdit.NumberTaken", number!]));
            }

            foreach (var quarter in Quarter.OfYear(plan.Year))
            {
                db.ReportingPeriods.Add(ReportingPeriod.Default(plan.Id, quarter));
            }

            if (source is not null)
            {
                await CopyIndicatorsAsync(source, plan, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return Result.Done(plan.Id);
        }, cancellationToken);
    }

    /// <summary>A new coordination programme (the one a year's plan implements); its number is unique.</summary>
    public async Task<Result<int>> CreateProgrammeAsync(Caller caller, ProgrammeForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Permissions.CanDraftPlans(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var read = new FormReader(errors, localizer);
        var number = read.Text(nameof(ProgrammeForm.Number), "Programme.Number", form.Number, CoordinationProgramme.MaxNumberLength, required: true);
        var title = read.Text(nameof(ProgrammeForm.Title), "Programme.Title", form.Title, CoordinationProgramme.MaxTitleLength, required: true);
        var first = ReadYear(read, nameof(ProgrammeForm.FirstYear), "Programme.FirstYear", form.FirstYear);
        var last = ReadYear(read, nameof(ProgrammeForm.LastYear), "Programme.LastYear", form.LastYear);
        if (form.SignedOn is null)
        {
            read.Add(nameof(ProgrammeForm.SignedOn), "Validation.DateRequired");
        }

        if (first is { } f && last is { } l && l < f)
        {
            read.Add(nameof(ProgrammeForm.LastYear), "Programme.YearsOrder", f);
        }

        if (errors.Any)
        {
            return Refusal.Invalid(errors);
        }

        return await tokens.OnceAsync(form.FormToken, caller.UserId, async () =>
        {
            if (await db.Programmes.AnyAsync(p => p.Number == number, cancellationToken))
            {
                return Refusal.Invalid(errors.Add(nameof(ProgrammeForm.Number), localizer["Programme.NumberTaken", number!]));
            }

            var programme = new CoordinationProgramme(number!, form.SignedOn!.Value, first!.Value, last!.Value, title!);
            db.Programmes.Add(programme);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Done(programme.Id);
        }, cancellationToken);
    }

    /// <summary>Number, date, place, title and programme; a published plan changes only its title.</summary>
    public async Task<Result<bool>> SaveHeaderAsync(Caller caller, int planId, HeaderForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Permissions.CanDraftPlans(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var plan = await db.Plans.Include(p => p.Programme).Where(PlanScope.VisibleTo(caller.Actor)).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return Refusal.NotFound;
        }

        // A published plan's page posts only the title; what it does not post stays as stored.
        var read = new FormReader(errors, localizer);
        var keep = !plan.IsDraft;
        var number = form.Number is null && keep ? plan.Number : read.Text(nameof(HeaderForm.Number), "PlanEdit.Number", form.Number, Plan.MaxNumberLength, required: true);
        var place = form.Place is null && keep ? plan.Place : read.Text(nameof(HeaderForm.Place), "PlanEdit.Place", form.Place, Plan.MaxPlaceLength, required: true);
        var title = read.Text(nameof(HeaderForm.Title), "PlanEdit.Title", form.Title, Plan.MaxTitleLength, required: true);
        var issuedOn = form.IssuedOn ?? (keep ? plan.IssuedOn : null);
        if (issuedOn is null)
        {
            read.Add(nameof(HeaderForm.IssuedOn), "Validation.DateRequired");
        }

        var programme = form.ProgrammeId is null && keep ? plan.Programme : await ReadProgrammeAsync(read, form.ProgrammeId, required: true, cancellationToken);
        if (errors.Any)
        {
            return Refusal.Invalid(errors);
        }

        var stored = PartValues.Header(plan);
        if (PartValues.Header(number!, issuedOn!.Value, place!, title!, programme!.Id).SequenceEqual(stored))
        {
            return Result.Done(false); // a repeat, or nothing changed: nothing is written
        }

        if (!PartValues.StartedFrom(form, plan.Version, stored))
        {
            return await HeaderConflictAsync(plan, number!, issuedOn.Value, place!, title!, programme, cancellationToken);
        }

        if (number != plan.Number && await NumberTakenAsync(number!, plan.Id, cancellationToken))
        {
            return Refusal.Invalid(errors.Add(nameof(HeaderForm.Number), localizer["PlanEdit.NumberTaken", number!]));
        }

        try
        {
            plan.ReviseHeader(programme, number!, issuedOn.Value, place!, title!);
        }
        catch (DomainRuleException rule)
        {
            var field = rule.Code == "Rule.PlanPublishedFixed" ? FirstChangedHeaderField(plan, number!, issuedOn.Value, place!, programme.Id) : HeaderFieldOf(rule, string.Empty);
            var message = rule.Code == "Rule.PlanPublishedFixed" ? localizer["PlanEdit.PublishedHeader"].Value : localizer.Describe(rule);
            return Refusal.Invalid(errors.Add(field, message));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await HeaderConflictAsync(planId, number!, issuedOn.Value, place!, title!, programme, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The number was taken by another plan between the check and the write (a unique index).
            db.ChangeTracker.Clear();
            if (!await NumberTakenAsync(number!, planId, CancellationToken.None))
            {
                throw;
            }

            return Refusal.Invalid(errors.Add(nameof(HeaderForm.Number), localizer["PlanEdit.NumberTaken", number!]));
        }

        return Result.Done(true);
    }

    /// <summary>Section I (preamble, purposes), section III (funding) and the recipients: wording, editable in any state.</summary>
    public async Task<Result<bool>> SaveTextAsync(Caller caller, int planId, TextForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Permissions.CanDraftPlans(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var plan = await db.Plans.Where(PlanScope.VisibleTo(caller.Actor)).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return Refusal.NotFound;
        }

        var read = new FormReader(errors, localizer);
        var preamble = read.Text(nameof(TextForm.Preamble), "PlanEdit.Preamble", form.Preamble, Plan.MaxTextLength, required: true);
        var purposes = read.Lines(nameof(TextForm.Purposes), "PlanEdit.Purposes", form.Purposes, PlanPurpose.MaxTextLength);
        var funding = read.Text(nameof(TextForm.FundingText), "PlanEdit.Funding", form.FundingText, Plan.MaxTextLength, required: true);
        var recipients = read.Lines(nameof(TextForm.Recipients), "PlanEdit.Recipients", form.Recipients, PlanRecipient.MaxTextLength);
        if (errors.Any)
        {
            return Refusal.Invalid(errors);
        }

        var stored = PartValues.Text(plan);
        if (PartValues.Text(preamble!, funding!, purposes, recipients).SequenceEqual(stored))
        {
            return Result.Done(false);
        }

        if (!PartValues.StartedFrom(form, plan.Version, stored))
        {
            return TextConflict(plan, preamble!, funding!, purposes, recipients, await EditHistory.LastSavedAsync(db, nameof(Plan), plan.Id, clock, cancellationToken));
        }

        try
        {
            plan.ReviseText(preamble!, funding!, purposes, recipients);
        }
        catch (DomainRuleException rule)
        {
            return Refusal.Invalid(errors.Add(string.Empty, localizer.Describe(rule)));
        }

        return await SaveAsync(async () =>
        {
            var now = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == planId, cancellationToken);
            return TextConflict(now, preamble!, funding!, purposes, recipients, await EditHistory.LastSavedAsync(db, nameof(Plan), planId, clock, cancellationToken));
        }, cancellationToken) ?? Result.Done(true);
    }

    /// <summary>Section IV (each agency's duties) and the signature blocks: wording, editable in any state.</summary>
    public async Task<Result<bool>> SaveOrganisationAsync(Caller caller, int planId, OrganisationForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Permissions.CanDraftPlans(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var plan = await db.Plans.Where(PlanScope.VisibleTo(caller.Actor)).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return Refusal.NotFound;
        }

        var agencies = await db.Agencies.AsNoTracking().Select(a => a.Id).ToListAsync(cancellationToken);
        var read = new FormReader(errors, localizer);
        var duties = new List<(int AgencyId, string Text)>();
        foreach (var agencyId in OrganisationOrder(plan, agencies))
        {
            var lines = read.Lines($"Duties[{agencyId}]", "PlanEdit.Duties", form.Duties.GetValueOrDefault(agencyId), AgencyDuty.MaxTextLength);
            duties.AddRange(lines.Select(text => (agencyId, text)));
        }

        foreach (var unknown in form.Duties.Keys.Where(k => !agencies.Contains(k)))
        {
            read.Add($"Duties[{unknown}]", "PlanEdit.UnknownAgency");
        }

        var signatories = new List<SignatoryValues>();
        for (var i = 0; i < form.Signatories.Count; i++)
        {
            var s = form.Signatories[i];
            if (s is null || s.IsBlank)
            {
                continue; // an empty block (the spare one the page offers) adds nobody
            }

            var prefix = $"Signatories[{i}].";
            if (s.AgencyId is not { } agencyId || !agencies.Contains(agencyId))
            {
                read.Add(prefix + nameof(SignatoryForm.AgencyId), "PlanEdit.UnknownAgency");
            }

            var heading = read.Text(prefix + nameof(SignatoryForm.AgencyHeading), "PlanEdit.AgencyHeading", s.AgencyHeading, Signatory.MaxLineLength, required: true);
            var authority = read.Text(prefix + nameof(SignatoryForm.AuthorityLine), "PlanEdit.AuthorityLine", s.AuthorityLine, Signatory.MaxLineLength, required: false);
            var titleLine = read.Text(prefix + nameof(SignatoryForm.TitleLine), "PlanEdit.TitleLine", s.TitleLine, Signatory.MaxLineLength, required: true);
            var name = read.Text(prefix + nameof(SignatoryForm.FullName), "PlanEdit.FullName", s.FullName, Signatory.MaxLineLength, required: true);
            if (heading is not null && titleLine is not null && name is not null && s.AgencyId is { } id)
            {
                signatories.Add(new SignatoryValues(id, heading, authority, titleLine, name));
            }
        }

        if (errors.Any)
        {
            return Refusal.Invalid(errors);
        }

        var stored = PartValues.Organisation(plan);
        if (PartValues.Organisation(duties, signatories).SequenceEqual(stored))
        {
            return Result.Done(false);
        }

        if (!PartValues.StartedFrom(form, plan.Version, stored))
        {
            return await OrganisationConflictAsync(plan, duties, signatories, cancellationToken);
        }

        try
        {
            plan.ReviseDutiesAndSignatories(duties, [.. signatories.Select(s => (s.AgencyId, s.AgencyHeading, s.AuthorityLine, s.TitleLine, s.FullName))]);
        }
        catch (DomainRuleException rule)
        {
            return Refusal.Invalid(errors.Add(string.Empty, localizer.Describe(rule)));
        }

        return await SaveAsync(async () =>
        {
            var now = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == planId, cancellationToken);
            return await OrganisationConflictAsync(now, duties, signatories, cancellationToken);
        }, cancellationToken) ?? Result.Done(true);
    }

    /// <summary>
    /// Publishes a draft (administrators): it then receives reports by its calendar. Refused, with
    /// nothing changed, while <see cref="Plan.PublishProblems"/> names any problem, or when the plan
    /// changed after its check was shown.
    /// </summary>
    public async Task<Result<PlanPublished>> PublishAsync(Caller caller, int planId, PublishForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        if (!Permissions.CanPublishPlans(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var plan = await db.Plans.Include(p => p.Activities).ThenInclude(a => a.Tasks).Where(PlanScope.VisibleTo(caller.Actor)).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return Refusal.NotFound;
        }

        if (!plan.IsDraft)
        {
            return Refusal.Because("Publish.AlreadyPublished", plan.Number);
        }

        if (form.Version != plan.Version)
        {
            return Refusal.Because("Publish.ChangedSinceCheck");
        }

        var (calendar, publishedForYear) = await PublishContextAsync(plan, cancellationToken);
        try
        {
            plan.Publish(calendar, publishedForYear, caller.Name, clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainRuleException)
        {
            return Refusal.Because("Publish.HasProblems");
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Because("Publish.ChangedSinceCheck");
        }

        var opened = Quarter.OfYear(plan.Year).Where(q => plan.Activities.Any(a => a.ProvincesReport && a.Window.Contains(q))).ToList();
        return Result.Done(new PlanPublished(plan.Number, opened));
    }

    /// <summary>What publishing checks against: the plan's calendar, and the number of another plan already published for its year.</summary>
    public async Task<(IReadOnlyCollection<ReportingPeriod> Calendar, string? PublishedForYear)> PublishContextAsync(Plan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var calendar = await db.ReportingPeriods.AsNoTracking().Where(p => p.PlanId == plan.Id).ToListAsync(cancellationToken);
        var other = await db.Plans.AsNoTracking()
            .Where(p => p.Year == plan.Year && p.Id != plan.Id && p.State == PlanState.Published)
            .OrderBy(p => p.Id)
            .Select(p => p.Number)
            .FirstOrDefaultAsync(cancellationToken);
        return (calendar, other);
    }

    /// <summary>The agencies of section IV in the plan's order (the first named first), then any other.</summary>
    public static IReadOnlyList<int> OrganisationOrder(Plan plan, IEnumerable<int> agencies)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var named = plan.Duties.OrderBy(d => d.Number).Select(d => d.AgencyId).Distinct().ToList();
        return [.. named, .. agencies.Where(a => !named.Contains(a)).Order()];
    }

    private static int? ReadYear(FormReader read, string field, string labelKey, int? year)
    {
        if (year is null)
        {
            read.Required(field, labelKey);
            return null;
        }

        if (year is < Quarter.MinYear or > Quarter.MaxYear)
        {
            read.Add(field, "PlanNew.YearRange", Quarter.MinYear, Quarter.MaxYear);
            return null;
        }

        return year;
    }

    private async Task<CoordinationProgramme?> ReadProgrammeAsync(FormReader read, int? programmeId, bool required, CancellationToken cancellationToken)
    {
        if (programmeId is not { } id)
        {
            if (required)
            {
                read.Add("ProgrammeId", "PlanEdit.ProgrammeRequired");
            }

            return null;
        }

        var programme = await db.Programmes.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (programme is null)
        {
            read.Add("ProgrammeId", "PlanEdit.UnknownProgramme");
        }

        return programme;
    }

    private Task<bool> NumberTakenAsync(string number, int? exceptPlanId, CancellationToken cancellationToken) =>
        db.Plans.AnyAsync(p => p.Number == number && p.Id != exceptPlanId, cancellationToken);

    private async Task CopyIndicatorsAsync(Plan source, Plan copy, CancellationToken cancellationToken)
    {
        // The copy's activities are the source's, in the same order (Plan.CopyForYear).
        var map = source.Activities.OrderBy(a => a.Number).Select(a => a.Id)
            .Zip(copy.Activities.OrderBy(a => a.Number).Select(a => a.Id))
            .ToDictionary(p => p.First, p => p.Second);
        var sourceIds = map.Keys.ToList();
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => sourceIds.Contains(i.ActivityId) && !i.IsRetired)
            .OrderBy(i => i.ActivityId).ThenBy(i => i.SortOrder)
            .ToListAsync(cancellationToken);
        foreach (var indicator in indicators)
        {
            db.Indicators.Add(indicator.CopyTo(map[indicator.ActivityId]));
        }
    }

    /// <summary>Saves; a save that lost the race with another (the version token) answers with the comparison instead.</summary>
    private async Task<Refusal?> SaveAsync(Func<Task<Refusal>> conflict, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await conflict();
        }
    }

    private static string HeaderFieldOf(DomainRuleException rule, string fallback) => rule.Code switch
    {
        "Rule.ProgrammeYears" => nameof(HeaderForm.ProgrammeId),
        "Rule.PlanIssuedOn" => nameof(HeaderForm.IssuedOn),
        "Rule.CopyToLaterYear" or "Rule.YearRange" => nameof(NewPlanForm.Year),
        _ => fallback,
    };

    private static string FirstChangedHeaderField(Plan plan, string number, DateOnly issuedOn, string place, int programmeId) =>
        number != plan.Number ? nameof(HeaderForm.Number)
        : issuedOn != plan.IssuedOn ? nameof(HeaderForm.IssuedOn)
        : place != plan.Place ? nameof(HeaderForm.Place)
        : programmeId != plan.ProgrammeId ? nameof(HeaderForm.ProgrammeId)
        : string.Empty;

    private async Task<Refusal> HeaderConflictAsync(int planId, string number, DateOnly issuedOn, string place, string title, CoordinationProgramme programme, CancellationToken cancellationToken)
    {
        var now = await db.Plans.AsNoTracking().Include(p => p.Programme).SingleAsync(p => p.Id == planId, cancellationToken);
        return await HeaderConflictAsync(now, number, issuedOn, place, title, programme, cancellationToken);
    }

    private async Task<Refusal> HeaderConflictAsync(Plan stored, string number, DateOnly issuedOn, string place, string title, CoordinationProgramme programme, CancellationToken cancellationToken)
    {
        var (by, at) = await EditHistory.LastSavedAsync(db, nameof(Plan), stored.Id, clock, cancellationToken);
        var view = new ConflictComparison()
            .Compare(localizer["PlanEdit.Number"], stored.Number, number)
            .Compare(localizer["PlanEdit.IssuedOn"], Display.Date(stored.IssuedOn), Display.Date(issuedOn))
            .Compare(localizer["PlanEdit.Place"], stored.Place, place)
            .Compare(localizer["PlanEdit.Title"], stored.Title, title)
            .Compare(localizer["PlanEdit.Programme"], stored.Programme.Number, programme.Number)
            .For(by, at);
        return Refusal.Conflict(new PartConflict(view, stored.Version, PartValues.Stamp(PartValues.Header(stored))));
    }

    private Refusal TextConflict(Plan stored, string preamble, string funding, IReadOnlyList<string> purposes, IReadOnlyList<string> recipients, (string? By, DateTime AtUtc) last)
    {
        var view = new ConflictComparison()
            .Compare(localizer["PlanEdit.Preamble"], stored.Preamble, preamble)
            .Compare(localizer["PlanEdit.Purposes"], PartValues.Joined(stored.Purposes.OrderBy(p => p.Number).Select(p => p.Text)), PartValues.Joined(purposes))
            .Compare(localizer["PlanEdit.Funding"], stored.FundingText, funding)
            .Compare(localizer["PlanEdit.Recipients"], PartValues.Joined(stored.Recipients.OrderBy(r => r.Number).Select(r => r.Text)), PartValues.Joined(recipients))
            .For(last.By, last.AtUtc);
        return Refusal.Conflict(new PartConflict(view, stored.Version, PartValues.Stamp(PartValues.Text(stored))));
    }

    private async Task<Refusal> OrganisationConflictAsync(Plan stored, IReadOnlyList<(int AgencyId, string Text)> duties, IReadOnlyList<SignatoryValues> signatories, CancellationToken cancellationToken)
    {
        var names = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.NameOn(stored.IssuedOn).ShortName, cancellationToken);
        var comparison = new ConflictComparison();
        foreach (var agencyId in OrganisationOrder(stored, names.Keys))
        {
            comparison.Compare(
                localizer["PlanEdit.DutiesOf", names[agencyId]],
                PartValues.Joined(stored.Duties.Where(d => d.AgencyId == agencyId).OrderBy(d => d.Number).Select(d => d.Text)),
                PartValues.Joined(duties.Where(d => d.AgencyId == agencyId).Select(d => d.Text)));
        }

        static string Block(string heading, string? authority, string titleLine, string name) => string.Join(" / ", new[] { heading, authority, titleLine, name }.Where(s => !string.IsNullOrEmpty(s)));
        comparison.Compare(
            localizer["PlanEdit.Signatories"],
            PartValues.Joined(stored.Signatories.OrderBy(s => s.Number).Select(s => Block(s.AgencyHeading, s.AuthorityLine, s.TitleLine, s.FullName))),
            PartValues.Joined(signatories.Select(s => Block(s.AgencyHeading, s.AuthorityLine, s.TitleLine, s.FullName))));
        var (by, at) = await EditHistory.LastSavedAsync(db, nameof(Plan), stored.Id, clock, cancellationToken);
        return Refusal.Conflict(new PartConflict(comparison.For(by, at), stored.Version, PartValues.Stamp(PartValues.Organisation(stored))));
    }
}
