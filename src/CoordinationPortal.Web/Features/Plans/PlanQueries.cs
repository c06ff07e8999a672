using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Web.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Plans;

/// <summary>
/// Reads for the plan pages. A plan is a small aggregate (seven activities), so the detail pages
/// load it without tracking and let the domain answer role questions (joint, per task), rather
/// than repeat those rules in a projection.
/// </summary>
public sealed class PlanQueries(PortalDbContext db, ProgressQueries progress)
{
    public Task<int?> LatestPlanIdAsync(CancellationToken cancellationToken) =>
        db.Plans
            .OrderByDescending(p => p.Year)
            .ThenByDescending(p => p.IssuedOn)
            .Select(p => (int?)p.Id)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<PlanListItem>> ListAsync(CancellationToken cancellationToken) =>
        await db.Plans
            .AsNoTracking()
            .OrderByDescending(p => p.Year)
            .Select(p => new PlanListItem(p.Id, p.Year, p.Number, p.IssuedOn, p.Title, p.Activities.Count))
            .ToListAsync(cancellationToken);

    public async Task<PlanPage?> GetPlanPageAsync(int id, CancellationToken cancellationToken)
    {
        var plan = await db.Plans
            .AsNoTracking()
            .Include(p => p.Programme)
            .Include(p => p.Activities).ThenInclude(a => a.Tasks)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var agencies = await AgenciesAsync(plan.IssuedOn, cancellationToken);
        return new PlanPage(
            plan.Id,
            plan.Year,
            plan.Number,
            plan.IssuedOn,
            plan.Place,
            plan.Title,
            plan.Preamble,
            plan.FundingText,
            new ProgrammeView(plan.Programme.Number, plan.Programme.SignedOn, plan.Programme.FirstYear, plan.Programme.LastYear, plan.Programme.Title),
            [.. plan.Purposes.OrderBy(p => p.Number).Select(p => p.Text)],
            [.. plan.Activities.OrderBy(a => a.Number).Select(a => ToView(a, agencies))],
            [.. plan.Duties
                .OrderBy(d => d.Number)
                .GroupBy(d => d.AgencyId) // keeps the plan's order: the first agency named comes first
                .Select(g => new AgencyDutiesView(agencies[g.Key], [.. g.OrderBy(d => d.Number).Select(d => d.Text)]))],
            [.. plan.Signatories.OrderBy(s => s.Number).Select(s => new SignatoryView(s.AgencyHeading, s.AuthorityLine, s.TitleLine, s.FullName))],
            [.. plan.Recipients.OrderBy(r => r.Number).Select(r => r.Text)],
            await progress.SummariesAsync(plan.Activities, cancellationToken));
    }

    public async Task<ActivityPage?> GetActivityPageAsync(int id, Actor? actor, CancellationToken cancellationToken)
    {
        var activity = await db.Activities
            .AsNoTracking()
            .Include(a => a.Tasks)
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (activity is null)
        {
            return null;
        }

        var plan = await db.Plans
            .AsNoTracking()
            .Where(p => p.Id == activity.PlanId)
            .Select(p => new
            {
                p.Id,
                p.Number,
                p.Year,
                p.IssuedOn,
                Siblings = p.Activities.OrderBy(a => a.Number).Select(a => new ActivityNeighbour(a.Id, a.Number)).ToList(),
            })
            .SingleAsync(cancellationToken);

        var agencies = await AgenciesAsync(plan.IssuedOn, cancellationToken);
        var index = plan.Siblings.FindIndex(s => s.Id == activity.Id);
        return new ActivityPage(
            plan.Id,
            plan.Number,
            plan.Year,
            plan.IssuedOn,
            ToView(activity, agencies),
            index > 0 ? plan.Siblings[index - 1] : null,
            index < plan.Siblings.Count - 1 ? plan.Siblings[index + 1] : null,
            (await progress.SummariesAsync([activity], cancellationToken))[activity.Id],
            await progress.JournalAsync(activity, actor, cancellationToken),
            actor is not null && Permissions.CanLogProgress(actor, activity));
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

    private static ActivityView ToView(Activity activity, Dictionary<int, AgencyView> agencies)
    {
        IReadOnlyList<RoleView> Roles(IEnumerable<Assignment> assignments) =>
            [.. assignments.OrderBy(a => a.Role).ThenBy(a => agencies[a.AgencyId].Code, StringComparer.Ordinal)
                .Select(a => new RoleView(agencies[a.AgencyId], a.Role))];

        var summary = activity.HasLeadsPerTask ? RoleSummaryKind.PerTask
            : activity.IsJoint ? RoleSummaryKind.Joint
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
            [.. activity.Statements.Select(s => new StatementView(agencies[s.AgencyId], s.Text))]);
    }
}
