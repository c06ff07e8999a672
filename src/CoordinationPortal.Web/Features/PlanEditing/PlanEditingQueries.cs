using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Web.Features.Plans;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.PlanEditing;

/// <summary>
/// Reads for the editing pages: each loads the plan once (a small aggregate) among the plans the
/// caller may see, and fills the part's form from what is stored, or from what was posted when the
/// form comes back with errors or a conflict.
/// </summary>
public sealed class PlanEditingQueries(PortalDbContext db, PlanCommands commands, ActivityCommands activities, IStringLocalizer<SharedResource> localizer, TimeProvider clock)
{
    public const string DefaultPlace = "Hà Nội";

    /// <summary>"Kế hoạch mới": the plans to copy from, the year, and the programmes that cover it.</summary>
    public async Task<Result<NewPlanPage>> NewPlanPageAsync(Actor actor, NewPlanQuery query, NewPlanForm? posted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        if (!Permissions.CanDraftPlans(actor))
        {
            return Refusal.Forbidden;
        }

        var sources = await db.Plans.AsNoTracking()
            .Where(PlanScope.VisibleTo(actor))
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.IssuedOn)
            .Select(p => new SourcePlanChoice(p.Id, p.Number, p.Year, p.State == PlanState.Draft))
            .ToListAsync(cancellationToken);
        var sourceId = posted?.SourcePlanId ?? query.SourcePlanId;
        var source = sources.Find(s => s.Id == sourceId) ?? sources.Find(s => !s.IsDraft);
        var start = posted?.Start ?? query.Start ?? (source is null ? PlanStart.Blank : PlanStart.Copy);
        if (!Enum.IsDefined(start) || source is null)
        {
            start = PlanStart.Blank; // nothing to copy yet
        }

        var today = VietnamTime.Today(clock.GetUtcNow());
        var year = posted?.Year ?? query.Year ?? (start == PlanStart.Copy && source is not null ? source.Year + 1 : today.Year);
        var yearIsValid = year is >= Quarter.MinYear and <= Quarter.MaxYear;
        var programmes = yearIsValid ? await ProgrammesCoveringAsync(year, cancellationToken) : [];
        var form = posted;
        if (form is null)
        {
            var sourcePlan = start == PlanStart.Copy && source is not null
                ? await db.Plans.AsNoTracking().Where(p => p.Id == source.Id).Select(p => new { p.Title, p.ProgrammeId }).SingleAsync(cancellationToken)
                : null;
            form = new NewPlanForm
            {
                Start = start,
                SourcePlanId = source?.Id,
                Year = year,
                ProgrammeId = programmes.Find(p => p.Id == sourcePlan?.ProgrammeId)?.Id ?? (programmes.Count > 0 ? programmes[0].Id : null),
                IssuedOn = today.Year == year || today.Year == year - 1 ? today : null,
                Place = DefaultPlace,
                Title = sourcePlan?.Title,
            };
        }

        form.Start = start;
        form.Year = year;
        form.SourcePlanId = start == PlanStart.Copy ? source?.Id : null;
        return Result.Done(new NewPlanPage(form, sources, start == PlanStart.Copy ? source : null, programmes, yearIsValid, Permissions.CanDraftPlans(actor)));
    }

    /// <summary>"Chương trình mới", with the years the person was preparing a plan for.</summary>
    public static Result<NewProgrammePage> NewProgrammePage(Actor actor, ProgrammeForm? form, int? forYear, PlanStart? start, int? sourcePlanId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Permissions.CanDraftPlans(actor))
        {
            return Refusal.Forbidden;
        }

        var year = forYear is >= Quarter.MinYear and <= Quarter.MaxYear - 4 ? forYear : null;
        return Result.Done(new NewProgrammePage(form ?? new ProgrammeForm
        {
            FirstYear = year,
            LastYear = year + 4, // programmes run five years (2021-2025)
            ForYear = year,
            Start = start,
            SourcePlanId = sourcePlanId,
        }));
    }

    public async Task<Result<HeaderPage>> HeaderPageAsync(Actor actor, int planId, HeaderForm? posted, PartConflict? conflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Permissions.CanDraftPlans(actor))
        {
            return Refusal.Forbidden;
        }

        var plan = await db.Plans.AsNoTracking().Include(p => p.Programme).Where(PlanScope.VisibleTo(actor)).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return Refusal.NotFound;
        }

        var form = posted ?? new HeaderForm
        {
            Number = plan.Number,
            IssuedOn = plan.IssuedOn,
            Place = plan.Place,
            Title = plan.Title,
            ProgrammeId = plan.ProgrammeId,
        };
        Stamp(form, plan.Version, PartValues.Header(plan), posted is null, conflict);
        var programmes = await ProgrammesCoveringAsync(plan.Year, cancellationToken);
        if (!programmes.Exists(p => p.Id == plan.ProgrammeId))
        {
            programmes.Insert(0, ToChoice(plan.Programme));
        }

        var facts = new HeaderFacts(plan.Number, plan.IssuedOn, plan.Place, plan.Programme.Number, plan.Programme.FirstYear, plan.Programme.LastYear);
        return Result.Done(new HeaderPage(Heading(plan), form, facts, programmes, conflict?.View));
    }

    public async Task<Result<TextPage>> TextPageAsync(Actor actor, int planId, TextForm? posted, PartConflict? conflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Permissions.CanDraftPlans(actor))
        {
            return Refusal.Forbidden;
        }

        var plan = await db.Plans.AsNoTracking().Where(PlanScope.VisibleTo(actor)).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return Refusal.NotFound;
        }

        var form = posted ?? new TextForm
        {
            Preamble = plan.Preamble,
            Purposes = PartValues.Joined(plan.Purposes.OrderBy(p => p.Number).Select(p => p.Text)),
            FundingText = plan.FundingText,
            Recipients = PartValues.Joined(plan.Recipients.OrderBy(r => r.Number).Select(r => r.Text)),
        };
        Stamp(form, plan.Version, PartValues.Text(plan), posted is null, conflict);
        return Result.Done(new TextPage(Heading(plan), form, conflict?.View));
    }

    public async Task<Result<OrganisationPage>> OrganisationPageAsync(Actor actor, int planId, OrganisationForm? posted, PartConflict? conflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Permissions.CanDraftPlans(actor))
        {
            return Refusal.Forbidden;
        }

        var plan = await db.Plans.AsNoTracking().Where(PlanScope.VisibleTo(actor)).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return Refusal.NotFound;
        }

        var agencies = await db.Agencies.AsNoTracking().ToListAsync(cancellationToken);
        var order = PlanCommands.OrganisationOrder(plan, agencies.Select(a => a.Id));
        var choices = order.Select(id => agencies.Single(a => a.Id == id)).Select(a =>
        {
            var name = a.NameOn(plan.IssuedOn);
            return new AgencyChoice(a.Id, new AgencyView(a.Code, name.ShortName, name.EnglishName, name.Abbreviation));
        }).ToList();
        var form = posted ?? new OrganisationForm
        {
            Duties = order.ToDictionary(id => id, id => (string?)PartValues.Joined(plan.Duties.Where(d => d.AgencyId == id).OrderBy(d => d.Number).Select(d => d.Text))),
            Signatories = [.. plan.Signatories.OrderBy(s => s.Number).Select(s => new SignatoryForm
            {
                AgencyId = s.AgencyId,
                AgencyHeading = s.AgencyHeading,
                AuthorityLine = s.AuthorityLine,
                TitleLine = s.TitleLine,
                FullName = s.FullName,
            })],
        };

        // One empty block to add a signatory; an empty block saves nothing.
        if (!form.Signatories.Exists(s => s is null || s.IsBlank))
        {
            form.Signatories.Add(new SignatoryForm());
        }

        Stamp(form, plan.Version, PartValues.Organisation(plan), posted is null, conflict);
        return Result.Done(new OrganisationPage(Heading(plan), form, choices, conflict?.View));
    }

    public async Task<Result<ActivitiesPage>> ActivitiesPageAsync(Actor actor, int planId, AddActivityForm? add, PartConflict? conflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Permissions.CanDraftPlans(actor))
        {
            return Refusal.Forbidden;
        }

        var plan = await db.Plans.AsNoTracking().Include(p => p.Activities).ThenInclude(a => a.Tasks).Where(PlanScope.VisibleTo(actor)).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return Refusal.NotFound;
        }

        var agencies = await ProgrammeAgencies.LoadAsync(db, plan.IssuedOn, cancellationToken);
        var ordered = plan.Activities.OrderBy(a => a.Number).ToList();
        var records = await activities.RecordsAsync([.. ordered.Select(a => a.Id)], cancellationToken);
        var rows = ordered.Select(a => new ActivityListRow(
            a.Id,
            a.Number,
            a.Title,
            a.Window,
            a.ProvincesReport,
            agencies.Label(localizer, agencies.ChoiceOf(a)),
            a.Tasks.Count,
            records[a.Id].Any ? ActivityCommands.RecordsText(localizer, records[a.Id]) : null)).ToList();
        return Result.Done(new ActivitiesPage(
            Heading(plan),
            conflict?.Version ?? plan.Version,
            conflict?.Stamp ?? PartValues.Stamp(PartValues.ActivityList(plan)),
            rows,
            add ?? new AddActivityForm { FirstQuarter = new Quarter(plan.Year, 1), LastQuarter = new Quarter(plan.Year, 4) },
            conflict?.View));
    }

    public async Task<Result<ActivityEditPage>> ActivityPageAsync(Actor actor, int activityId, ActivityForm? posted, PartConflict? conflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Permissions.CanDraftPlans(actor))
        {
            return Refusal.Forbidden;
        }

        var planId = await db.Activities.Where(a => a.Id == activityId).Select(a => (int?)a.PlanId).SingleOrDefaultAsync(cancellationToken);
        var plan = planId is { } id
            ? await db.Plans.AsNoTracking().Include(p => p.Activities.Where(a => a.Id == activityId)).ThenInclude(a => a.Tasks).Where(PlanScope.VisibleTo(actor)).SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            : null;
        var activity = plan?.Activities.SingleOrDefault(a => a.Id == activityId);
        if (plan is null || activity is null)
        {
            return Refusal.NotFound;
        }

        var agencies = await ProgrammeAgencies.LoadAsync(db, plan.IssuedOn, cancellationToken);
        var withProgress = (await db.ProgressEntries.AsNoTracking()
            .Where(e => e.ActivityId == activity.Id && e.TaskId != null)
            .Select(e => e.TaskId!.Value)
            .Distinct()
            .ToListAsync(cancellationToken)).ToHashSet();
        var tasks = activity.Tasks.OrderBy(t => t.Number).Select(t => new TaskFacts(t.Id, t.Number, t.Text, withProgress.Contains(t.Id))).ToList();
        // The agencies whose statements the plan gives first, in its order, then the other.
        var statementAgencies = activity.Statements.Select(s => s.AgencyId).Concat([agencies.Vwu, agencies.Cema]).Distinct()
            .Select(id => new AgencyChoice(id, id == agencies.Vwu ? agencies.VwuName : agencies.CemaName))
            .ToList();
        var form = posted ?? new ActivityForm
        {
            Title = activity.Title,
            EnglishTitle = activity.EnglishTitle,
            Content = activity.Content,
            Form = activity.Form,
            ScheduleText = activity.ScheduleText,
            FirstQuarter = activity.Window.First,
            LastQuarter = activity.Window.Last,
            ExpectedMonth = activity.Window.ExpectedMonth,
            ProvincesReport = activity.ProvincesReport,
            Roles = agencies.ChoiceOf(activity),
            Tasks = [.. activity.Tasks.OrderBy(t => t.Number).Select(t => new TaskForm { Id = t.Id, Text = t.Text, Roles = agencies.ChoiceOf(t.Assignments), Position = t.Number })],
            Statements = activity.Statements.ToDictionary(s => s.AgencyId, s => (string?)s.Text),
        };
        form.Version = posted is null ? activity.Version : conflict?.Version ?? form.Version;
        return Result.Done(new ActivityEditPage(Heading(plan), activity.Id, activity.Number, activity.Window, activity.ProvincesReport, agencies.ChoiceOf(activity), agencies, tasks, statementAgencies, form, conflict?.View));
    }

    /// <summary>The publishing check: every problem in words with where it is fixed, and the quarters that will open.</summary>
    public async Task<Result<PublishPage>> PublishPageAsync(Actor actor, int planId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Permissions.CanPublishPlans(actor))
        {
            return Refusal.Forbidden;
        }

        var plan = await db.Plans.AsNoTracking().Include(p => p.Activities).ThenInclude(a => a.Tasks).Where(PlanScope.VisibleTo(actor)).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return Refusal.NotFound;
        }

        var (calendar, publishedForYear) = await commands.PublishContextAsync(plan, cancellationToken);
        var otherId = publishedForYear is null ? 0 : await db.Plans.Where(p => p.Number == publishedForYear).Select(p => p.Id).SingleAsync(cancellationToken);
        var problems = plan.PublishProblems(calendar, publishedForYear).Select(problem => problem.Code switch
        {
            "Plan.Problem.NoActivity" => new ProblemView(problem.Code, localizer[problem.Code], ProblemFix.ActivityList, plan.Id),
            "Plan.Problem.NoAgency" => new ProblemView(problem.Code, localizer[problem.Code, problem.Arguments[0]], ProblemFix.Activity, plan.Activities.Single(a => Equals(a.Number, problem.Arguments[0])).Id),
            "Plan.Problem.NoCalendar" => new ProblemView(problem.Code, localizer[problem.Code, localizer.Quarter((Quarter)problem.Arguments[0])], ProblemFix.Calendar, plan.Id),
            "Plan.Problem.YearTaken" => new ProblemView(problem.Code, localizer[problem.Code, problem.Arguments[0], problem.Arguments[1]], ProblemFix.OtherPlan, otherId),
            _ => new ProblemView(problem.Code, localizer[problem.Code], ProblemFix.Plan, plan.Id),
        }).ToList();
        var now = clock.GetUtcNow();
        var quarters = Quarter.OfYear(plan.Year)
            .Select(q => (Quarter: q, Period: calendar.FirstOrDefault(p => p.Quarter == q)))
            .Select(x => new QuarterOpening(x.Quarter, x.Period?.DueOn, plan.Activities.Count(a => a.ProvincesReport && a.Window.Contains(x.Quarter)), x.Period?.LocksOn, x.Period?.IsLocked(now) ?? false))
            .ToList();
        return Result.Done(new PublishPage(Heading(plan), plan.Version, problems, quarters, !plan.IsDraft));
    }

    /// <summary>The plan an activity belongs to (where a refused move or removal goes back to).</summary>
    public Task<int?> PlanOfActivityAsync(int activityId, CancellationToken cancellationToken) =>
        db.Activities.Where(a => a.Id == activityId).Select(a => (int?)a.PlanId).SingleOrDefaultAsync(cancellationToken);

    public static PlanEditHeading Heading(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new PlanEditHeading(plan.Id, plan.Number, plan.Year, plan.IsDraft, plan.CopiedFromYear, plan.Title);
    }

    /// <summary>
    /// The form's version and stamp: those of what is stored when the form is first shown; after a
    /// conflict, those of what was saved meanwhile (saving again then overwrites it, knowingly);
    /// after invalid input, those the form was first shown with.
    /// </summary>
    private static void Stamp(PartForm form, int version, IReadOnlyList<string> stored, bool fresh, PartConflict? conflict)
    {
        if (conflict is not null)
        {
            (form.Version, form.Stamp) = (conflict.Version, conflict.Stamp);
        }
        else if (fresh)
        {
            (form.Version, form.Stamp) = (version, PartValues.Stamp(stored));
        }
    }

    private async Task<List<ProgrammeChoice>> ProgrammesCoveringAsync(int year, CancellationToken cancellationToken) =>
        await db.Programmes.AsNoTracking()
            .Where(p => p.FirstYear <= year && p.LastYear >= year)
            .OrderByDescending(p => p.FirstYear).ThenBy(p => p.Number)
            .Select(p => new ProgrammeChoice(p.Id, p.Number, p.FirstYear, p.LastYear, p.Title))
            .ToListAsync(cancellationToken);

    private static ProgrammeChoice ToChoice(CoordinationProgramme p) => new(p.Id, p.Number, p.FirstYear, p.LastYear, p.Title);
}
