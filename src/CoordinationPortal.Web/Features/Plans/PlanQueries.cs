using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Web.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Plans;

/// <summary>
/// Reads for the plan pages, every one among the plans the caller may see (<see cref="PlanScope"/>:
/// drafts are not shown to provinces, who get "not found" for them). A plan is a small aggregate
/// (seven activities), so the detail pages load it once without tracking and let the domain answer
/// role questions (joint, per task), rather than repeat those rules in a projection.
/// </summary>
public sealed class PlanQueries(PortalDbContext db, ProgressQueries progress, TimeProvider clock)
{
    /// <summary>The home page's plan: this year's published plan, else the latest the caller may see.</summary>
    public async Task<int?> HomePlanIdAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var year = VietnamTime.Today(clock.GetUtcNow()).Year;
        var current = await db.Plans
            .Where(PlanScope.Published)
            .Where(p => p.Year == year)
            .OrderByDescending(p => p.IssuedOn)
            .Select(p => (int?)p.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return current ?? await db.Plans
            .Where(PlanScope.VisibleTo(actor))
            .OrderByDescending(p => p.Year)
            .ThenByDescending(p => p.IssuedOn)
            .Select(p => (int?)p.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// What the home page says when this year has no published plan (null when it has one): the portal
    /// is not locked without a word, and those who draft plans get the way to this year's plan.
    /// </summary>
    public async Task<ThisYearNotice?> ThisYearNoticeAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var year = VietnamTime.Today(clock.GetUtcNow()).Year;
        var plans = await db.Plans
            .Where(PlanScope.VisibleTo(actor))
            .Where(p => p.Year == year)
            .Select(p => new { p.Id, p.State })
            .ToListAsync(cancellationToken);
        if (plans.Any(p => p.State == PlanState.Published))
        {
            return null;
        }

        return new ThisYearNotice(year, plans.Select(p => (int?)p.Id).FirstOrDefault(), Permissions.CanDraftPlans(actor), Permissions.CanPublishPlans(actor));
    }

    /// <summary>Plans by programme (the latest programme first), then by year, newest first, with their state.</summary>
    public async Task<PlansPage> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var programmes = await db.Programmes.AsNoTracking()
            .OrderByDescending(p => p.LastYear).ThenByDescending(p => p.FirstYear)
            .ToListAsync(cancellationToken);
        var plans = await db.Plans.AsNoTracking()
            .Where(PlanScope.VisibleTo(actor))
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.IssuedOn)
            .Select(p => new { p.ProgrammeId, Item = new PlanListItem(p.Id, p.Year, p.Number, p.IssuedOn, p.Title, p.Activities.Count, p.State == PlanState.Draft) })
            .ToListAsync(cancellationToken);
        var canStart = Permissions.CanDraftPlans(actor);

        // A programme without plans is shown to those who may start one (a new programme, waiting for its first plan).
        var groups = programmes
            .Select(p => new ProgrammeGroup(p.Id, ToView(p), [.. plans.Where(x => x.ProgrammeId == p.Id).Select(x => x.Item)]))
            .Where(g => g.Plans.Count > 0 || canStart)
            .ToList();
        return new PlansPage(groups, canStart);
    }

    /// <summary>The plan's number and state, if the caller may see it: all a cached plan page needs beside its document.</summary>
    public Task<PlanHead?> HeadAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return db.Plans
            .Where(PlanScope.VisibleTo(actor))
            .Where(p => p.Id == id)
            .Select(p => new PlanHead(p.Id, p.Number, p.State == PlanState.Draft))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<PlanPage?> GetPlanPageAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var plan = await db.Plans
            .AsNoTracking()
            .Where(PlanScope.VisibleTo(actor))
            .Include(p => p.Programme)
            .Include(p => p.Activities).ThenInclude(a => a.Tasks)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var agencies = await AgenciesAsync(plan.IssuedOn, cancellationToken);
        var marks = plan.IsDraft ? plan.CopiedFromYear : null;
        return new PlanPage(
            plan.Id,
            plan.Year,
            plan.Number,
            plan.IssuedOn,
            plan.Place,
            plan.Title,
            plan.Preamble,
            plan.FundingText,
            ToView(plan.Programme),
            [.. plan.Purposes.OrderBy(p => p.Number).Select(p => p.Text)],
            [.. plan.Activities.OrderBy(a => a.Number).Select(a => ToView(a, agencies) with { YearsToCheck = marks })],
            [.. plan.Duties
                .OrderBy(d => d.Number)
                .GroupBy(d => d.AgencyId) // keeps the plan's order: the first agency named comes first
                .Select(g => new AgencyDutiesView(agencies[g.Key], [.. g.OrderBy(d => d.Number).Select(d => d.Text)]))],
            [.. plan.Signatories.OrderBy(s => s.Number).Select(s => new SignatoryView(s.AgencyHeading, s.AuthorityLine, s.TitleLine, s.FullName))],
            [.. plan.Recipients.OrderBy(r => r.Number).Select(r => r.Text)],
            await progress.SummariesAsync(plan.Activities, cancellationToken))
        {
            IsDraft = plan.IsDraft,
            PublishedAtUtc = plan.PublishedAtUtc,
            CopiedFromYear = plan.CopiedFromYear,
            Mentions = marks is null ? [] : Mentions(plan),
            Actions = new PlanActions(Permissions.CanDraftPlans(actor), plan.IsDraft && Permissions.CanPublishPlans(actor), Permissions.CanDraftPlans(actor)),
            AgencyCodes = agencies.ToDictionary(a => a.Key, a => a.Value.Code),
        };
    }

    public async Task<ActivityPage?> GetActivityPageAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var plan = await db.Plans
            .AsNoTracking()
            .Where(PlanScope.VisibleTo(actor))
            .Where(p => p.Activities.Any(a => a.Id == id))
            .Select(p => new
            {
                p.Id,
                p.Number,
                p.Year,
                p.IssuedOn,
                p.State,
                p.CopiedFromYear,
                Siblings = p.Activities.OrderBy(a => a.Number).Select(a => new ActivityNeighbour(a.Id, a.Number)).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            return null; // no such activity, or one of a draft the caller may not see
        }

        var activity = await db.Activities
            .AsNoTracking()
            .Include(a => a.Tasks)
            .SingleAsync(a => a.Id == id, cancellationToken);
        var agencies = await AgenciesAsync(plan.IssuedOn, cancellationToken);
        var index = plan.Siblings.FindIndex(s => s.Id == activity.Id);
        var draft = plan.State == PlanState.Draft;
        return new ActivityPage(
            plan.Id,
            plan.Number,
            plan.Year,
            plan.IssuedOn,
            ToView(activity, agencies) with { YearsToCheck = draft ? plan.CopiedFromYear : null },
            index > 0 ? plan.Siblings[index - 1] : null,
            index < plan.Siblings.Count - 1 ? plan.Siblings[index + 1] : null,
            (await progress.SummariesAsync([activity], cancellationToken))[activity.Id],
            await progress.JournalAsync(activity, actor, cancellationToken),

            // Only a published plan receives progress (docs/decisions/0021).
            !draft && Permissions.CanLogProgress(actor, activity))
        {
            PlanIsDraft = draft,
            CanEdit = Permissions.CanDraftPlans(actor),
            AgencyCodes = agencies.ToDictionary(a => a.Key, a => a.Value.Code),
        };
    }

    /// <summary>The years to check left in each part of a copied draft: the parts' edit screens show each one marked.</summary>
    private static List<PartMentions> Mentions(Plan plan)
    {
        var from = plan.CopiedFromYear;
        var parts = new List<PartMentions>
        {
            new(PlanPart.Header, YearMarks.Count([plan.Title, plan.Number, plan.Place], from)),
            new(PlanPart.Text, YearMarks.Count([plan.Preamble, plan.FundingText, .. plan.Purposes.Select(p => p.Text), .. plan.Recipients.Select(r => r.Text)], from)),
            new(PlanPart.Organisation, YearMarks.Count([.. plan.Duties.Select(d => d.Text), .. plan.Signatories.SelectMany(s => new[] { s.AgencyHeading, s.AuthorityLine, s.TitleLine, s.FullName })], from)),
        };
        parts.AddRange(plan.Activities.OrderBy(a => a.Number).Select(a => new PartMentions(
            PlanPart.Activity,
            YearMarks.Count([a.Title, a.EnglishTitle, a.Content, a.Form, a.ScheduleText, .. a.Tasks.Select(t => t.Text)], from),
            a.Id,
            a.Number)));
        return [.. parts.Where(p => p.Count > 0)];
    }

    /// <summary>Both agencies, named as they were on <paramref name="date"/> (the plan's own date for the plan's text).</summary>
    private async Task<Dictionary<int, AgencyView>> AgenciesAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var agencies = await db.Agencies.AsNoTracking().ToListAsync(cancellationToken);
        return agencies.ToDictionary(a => a.Id, a => ToView(a, date));
    }

    private static AgencyView ToView(Agency agency, DateOnly date)
    {
        var name = agency.NameOn(date);
        return new AgencyView(agency.Code, name.ShortName, name.EnglishName, name.Abbreviation);
    }

    private static ProgrammeView ToView(CoordinationProgramme programme) =>
        new(programme.Number, programme.SignedOn, programme.FirstYear, programme.LastYear, programme.Title);

    private static ActivityView ToView(Activity activity, Dictionary<int, AgencyView> agencies)
    {
        IReadOnlyList<RoleView> Roles(IEnumerable<Assignment> assignments) =>
            [.. assignments.OrderBy(a => a.Role).ThenBy(a => agencies[a.AgencyId].Code, StringComparer.Ordinal)
                .Select(a => new RoleView(agencies[a.AgencyId], a.Role))];

        var summary = activity.HasLeadsPerTask ? RoleSummaryKind.PerTask
            : activity.IsJoint ? RoleSummaryKind.Joint
            : activity.Assignments.Count == 0 ? RoleSummaryKind.None
            : RoleSummaryKind.LeadAndSupporting;

        return new ActivityView(
            activity.Id,
            activity.Number,
            activity.Title,
            activity.EnglishTitle,
            activity.Content,
            activity.Form,
            activity.ScheduleText,
            activity.Window,
            summary,
            Roles(activity.Assignments),
            [.. activity.Tasks.OrderBy(t => t.Number).Select(t => new TaskView(t.Number, t.Text, Roles(t.Assignments)))],
            [.. activity.Statements.Select(s => new StatementView(agencies[s.AgencyId], s.Text))])
        {
            ProvincesReport = activity.ProvincesReport,
        };
    }
}
