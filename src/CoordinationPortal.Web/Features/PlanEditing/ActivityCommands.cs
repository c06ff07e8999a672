using System.Globalization;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.PlanEditing;

/// <summary>A change to the list of activities that was done: which activity, in which plan.</summary>
public sealed record ActivityListChanged(int PlanId, int ActivityId, int Number);

/// <summary>What stands on an activity, so that it stays: reports, progress entries, indicator values.</summary>
public sealed record ActivityRecords(bool ReportLines, bool ProgressEntries, bool IndicatorValues)
{
    public bool Any => ReportLines || ProgressEntries || IndicatorValues;
}

/// <summary>
/// The one write path of a plan's activities and their tasks: add, move and remove in the list,
/// and the activity's own form (wording, window, who reports, roles, tasks). The plan guards what a
/// published plan keeps; these commands say it beside the field that asked for it.
/// </summary>
public sealed class ActivityCommands(PortalDbContext db, FormTokens tokens, IStringLocalizer<SharedResource> localizer, TimeProvider clock)
{
    /// <summary>Adds an activity at the end of a draft (once per form); its content and roles are set on its own page.</summary>
    public async Task<Result<int>> AddAsync(Caller caller, int planId, AddActivityForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Permissions.CanDraftPlans(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var plan = await LoadPlanAsync(caller.Actor, planId, cancellationToken);
        if (plan is null)
        {
            return Refusal.NotFound;
        }

        if (!plan.IsDraft)
        {
            return Refusal.Because("PlanEdit.PublishedNoAdd");
        }

        var read = new FormReader(errors, localizer);
        var title = read.Text(nameof(AddActivityForm.Title), "ActivityEdit.Title", form.Title, Activity.MaxTitleLength, required: true);
        var schedule = read.Text(nameof(AddActivityForm.ScheduleText), "ActivityEdit.ScheduleText", form.ScheduleText, Activity.MaxScheduleTextLength, required: true);
        var window = ReadWindow(read, plan, form.FirstQuarter, form.LastQuarter, expectedMonth: null);
        if (errors.Any)
        {
            return Refusal.Invalid(errors);
        }

        return await tokens.OnceAsync(form.FormToken, caller.UserId, async () =>
        {
            Activity activity;
            try
            {
                activity = plan.AddActivity(title!, window!, schedule!);
            }
            catch (DomainRuleException rule)
            {
                return Refusal.Invalid(errors.Add(nameof(AddActivityForm.FirstQuarter), localizer.Describe(rule)));
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return Refusal.Because("PlanEdit.ListChanged");
            }

            return Result.Done(activity.Id);
        }, cancellationToken);
    }

    /// <summary>Moves an activity one place up or down in a draft; the plan renumbers the others.</summary>
    public async Task<Result<ActivityListChanged>> MoveAsync(Caller caller, int activityId, ActivityListForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        if (!Permissions.CanDraftPlans(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var (plan, activity) = await LoadActivityAsync(caller.Actor, activityId, cancellationToken);
        if (plan is null || activity is null)
        {
            return Refusal.NotFound;
        }

        var step = form.Direction?.Trim().ToUpperInvariant() switch
        {
            "UP" => -1,
            "DOWN" => 1,
            _ => 0,
        };
        if (step == 0)
        {
            return Refusal.Because("PlanEdit.UnknownDirection");
        }

        if (!PartValues.StartedFrom(form, plan.Version, PartValues.ActivityList(plan)))
        {
            return await ListConflictAsync(plan, localizer[step < 0 ? "PlanEdit.YourMoveUp" : "PlanEdit.YourMoveDown", activity.Number], cancellationToken);
        }

        var number = activity.Number;
        try
        {
            plan.MoveActivity(activity, activity.Number + step);
        }
        catch (DomainRuleException rule) when (rule.Code == "Rule.PlanPublishedFixed")
        {
            return Refusal.Because("PlanEdit.PublishedNoMove");
        }

        if (activity.Number == number)
        {
            return Result.Done(new ActivityListChanged(plan.Id, activity.Id, activity.Number)); // already first or last
        }

        return await SaveListAsync(plan, activity, localizer[step < 0 ? "PlanEdit.YourMoveUp" : "PlanEdit.YourMoveDown", number], cancellationToken);
    }

    /// <summary>
    /// Removes an activity (and its tasks and unused indicators). Refused while anything was recorded
    /// against it: report lines, progress entries or indicator values; the reason names which.
    /// </summary>
    public async Task<Result<ActivityListChanged>> RemoveAsync(Caller caller, int activityId, ActivityListForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        if (!Permissions.CanDraftPlans(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var (plan, activity) = await LoadActivityAsync(caller.Actor, activityId, cancellationToken);
        if (plan is null || activity is null)
        {
            return Refusal.NotFound;
        }

        if (!PartValues.StartedFrom(form, plan.Version, PartValues.ActivityList(plan)))
        {
            return await ListConflictAsync(plan, localizer["PlanEdit.YourRemove", activity.Number], cancellationToken);
        }

        var records = (await RecordsAsync([activity.Id], cancellationToken))[activity.Id];
        try
        {
            plan.RemoveActivity(activity, records.Any);
        }
        catch (DomainRuleException rule) when (rule.Code == "Rule.ActivityHasRecords")
        {
            return Refusal.Because("PlanEdit.HasRecords", activity.Number, RecordsText(localizer, records));
        }

        // Indicators point at their activity: with no values recorded, they go with it.
        db.Indicators.RemoveRange(await db.Indicators.Where(i => i.ActivityId == activity.Id).ToListAsync(cancellationToken));
        return await SaveListAsync(plan, activity, localizer["PlanEdit.YourRemove", activity.Number], cancellationToken);
    }

    /// <summary>
    /// Saves the activity's form: its wording and expected month in any state; in a draft also its
    /// window, who reports, roles and the list of tasks. A form shown from an older version is a
    /// conflict, unless it asks for exactly what is stored.
    /// </summary>
    public async Task<Result<bool>> SaveAsync(Caller caller, int activityId, ActivityForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Permissions.CanDraftPlans(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var (plan, activity) = await LoadActivityAsync(caller.Actor, activityId, cancellationToken);
        if (plan is null || activity is null)
        {
            return Refusal.NotFound;
        }

        var agencies = await ProgrammeAgencies.LoadAsync(db, plan.IssuedOn, cancellationToken);
        var wanted = await ReadAsync(plan, activity, form, agencies, new FormReader(errors, localizer), cancellationToken);
        if (errors.Any || wanted is null)
        {
            return Refusal.Invalid(errors);
        }

        if (wanted.Holds(activity, agencies))
        {
            return Result.Done(false); // a repeat, or nothing changed: nothing is written
        }

        if (form.Version != activity.Version)
        {
            return await ActivityConflictAsync(plan, activity, wanted, agencies, cancellationToken);
        }

        Apply(plan, activity, wanted, agencies, errors);
        if (errors.Any)
        {
            db.ChangeTracker.Clear();
            return Refusal.Invalid(errors);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var (storedPlan, storedActivity) = await LoadActivityAsync(caller.Actor, activityId, cancellationToken);
            return storedActivity is null ? Refusal.NotFound : await ActivityConflictAsync(storedPlan!, storedActivity, wanted, agencies, cancellationToken);
        }

        return Result.Done(true);
    }

    /// <summary>What is recorded against each activity (bounded: a few queries for the whole list).</summary>
    public async Task<IReadOnlyDictionary<int, ActivityRecords>> RecordsAsync(IReadOnlyList<int> activityIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activityIds);
        var ids = activityIds.ToList();
        var lines = await db.ReportLines.AsNoTracking().Where(l => ids.Contains(l.ActivityId)).Select(l => l.ActivityId).Distinct().ToListAsync(cancellationToken);
        var entries = await db.ProgressEntries.AsNoTracking().Where(e => ids.Contains(e.ActivityId)).Select(e => e.ActivityId).Distinct().ToListAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().Where(i => ids.Contains(i.ActivityId)).Select(i => new { i.Id, i.ActivityId }).ToListAsync(cancellationToken);
        var indicatorIds = indicators.Select(i => i.Id).ToList();
        var valued = indicatorIds.Count == 0 ? [] : (await db.ReportLines.AsNoTracking().SelectMany(l => l.Values).Where(v => indicatorIds.Contains(v.IndicatorId)).Select(v => v.IndicatorId).Distinct().ToListAsync(cancellationToken))
            .Concat(await db.ProgressEntries.AsNoTracking().SelectMany(e => e.Values).Where(v => indicatorIds.Contains(v.IndicatorId)).Select(v => v.IndicatorId).Distinct().ToListAsync(cancellationToken))
            .ToHashSet();
        var withValues = indicators.Where(i => valued.Contains(i.Id)).Select(i => i.ActivityId).ToHashSet();
        return ids.Distinct().ToDictionary(id => id, id => new ActivityRecords(lines.Contains(id), entries.Contains(id), withValues.Contains(id)));
    }

    /// <summary>"báo cáo quý, cập nhật tiến độ": the kinds of record that keep an activity.</summary>
    public static string RecordsText(IStringLocalizer localizer, ActivityRecords records)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(records);
        var kinds = new List<string>();
        if (records.ReportLines)
        {
            kinds.Add(localizer["PlanEdit.Records.ReportLines"]);
        }

        if (records.ProgressEntries)
        {
            kinds.Add(localizer["PlanEdit.Records.ProgressEntries"]);
        }

        if (records.IndicatorValues)
        {
            kinds.Add(localizer["PlanEdit.Records.IndicatorValues"]);
        }

        return string.Join(", ", kinds);
    }

    /// <summary>A window of the plan's year from the form's quarters, or the errors that say what is wrong with them.</summary>
    public static QuarterWindow? ReadWindow(FormReader read, Plan plan, Quarter? first, Quarter? last, int? expectedMonth)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(plan);
        if (first is not { } from)
        {
            read.Add(nameof(ActivityForm.FirstQuarter), "Validation.QuarterRequired");
        }
        else if (from.Year != plan.Year)
        {
            read.Add(nameof(ActivityForm.FirstQuarter), "Rule.WindowOutsideYear", plan.Year);
        }

        if (last is not { } to)
        {
            read.Add(nameof(ActivityForm.LastQuarter), "Validation.QuarterRequired");
        }
        else if (to.Year != plan.Year)
        {
            read.Add(nameof(ActivityForm.LastQuarter), "Rule.WindowOutsideYear", plan.Year);
        }

        if (read.Errors.ByField.ContainsKey(nameof(ActivityForm.FirstQuarter)) || read.Errors.ByField.ContainsKey(nameof(ActivityForm.LastQuarter)))
        {
            return null;
        }

        if (last!.Value < first!.Value)
        {
            read.Add(nameof(ActivityForm.LastQuarter), "ActivityEdit.WindowOrder");
            return null;
        }

        if (expectedMonth is { } month && (month is < 1 or > 12 || !new QuarterWindow(first.Value, last.Value).Contains(new DateOnly(plan.Year, month, 1))))
        {
            read.Add(nameof(ActivityForm.ExpectedMonth), "ActivityEdit.MonthOutsideWindow");
            return null;
        }

        return new QuarterWindow(first.Value, last.Value, expectedMonth);
    }

    private async Task<Plan?> LoadPlanAsync(Actor actor, int planId, CancellationToken cancellationToken) =>
        await db.Plans.Where(PlanScope.VisibleTo(actor)).Include(p => p.Activities).ThenInclude(a => a.Tasks).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);

    /// <summary>The activity with its whole plan (the plan guards its activities), if the caller may see the plan.</summary>
    private async Task<(Plan? Plan, Activity? Activity)> LoadActivityAsync(Actor actor, int activityId, CancellationToken cancellationToken)
    {
        var planId = await db.Activities.Where(a => a.Id == activityId).Select(a => (int?)a.PlanId).SingleOrDefaultAsync(cancellationToken);
        var plan = planId is { } id ? await LoadPlanAsync(actor, id, cancellationToken) : null;
        return (plan, plan?.Activities.SingleOrDefault(a => a.Id == activityId));
    }

    private async Task<Result<ActivityListChanged>> SaveListAsync(Plan plan, Activity activity, string yours, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var stored = await db.Plans.AsNoTracking().Include(p => p.Activities).SingleAsync(p => p.Id == plan.Id, cancellationToken);
            return await ListConflictAsync(stored, yours, cancellationToken);
        }

        return Result.Done(new ActivityListChanged(plan.Id, activity.Id, activity.Number));
    }

    private async Task<Refusal> ListConflictAsync(Plan stored, string yours, CancellationToken cancellationToken)
    {
        var (by, at) = await EditHistory.LastSavedAsync(db, nameof(Plan), stored.Id, clock, cancellationToken);
        var list = PartValues.Joined(stored.Activities.OrderBy(a => a.Number).Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Number}. {Display.Shorten(a.Title, 80)}")));
        var view = new ConflictView(by, at, [new ConflictField(localizer["PlanEdit.ActivityList"], list, yours)]);
        return Refusal.Conflict(new PartConflict(view, stored.Version, PartValues.Stamp(PartValues.ActivityList(stored))));
    }

    /// <summary>The activity the form asks for, or null with the errors under the fields.</summary>
    private async Task<WantedActivity?> ReadAsync(Plan plan, Activity activity, ActivityForm form, ProgrammeAgencies agencies, FormReader read, CancellationToken cancellationToken)
    {
        var title = read.Text(nameof(ActivityForm.Title), "ActivityEdit.Title", form.Title, Activity.MaxTitleLength, required: true);
        var english = read.Text(nameof(ActivityForm.EnglishTitle), "ActivityEdit.EnglishTitle", form.EnglishTitle, Activity.MaxTitleLength, required: false);
        var content = read.Text(nameof(ActivityForm.Content), "ActivityEdit.Content", form.Content, Activity.MaxTextLength, required: false);
        var shape = read.Text(nameof(ActivityForm.Form), "ActivityEdit.Form", form.Form, Activity.MaxTextLength, required: false);
        var schedule = read.Text(nameof(ActivityForm.ScheduleText), "ActivityEdit.ScheduleText", form.ScheduleText, Activity.MaxScheduleTextLength, required: true);

        // What a published plan's page does not post (the window's quarters, who reports, roles) stays as stored.
        var window = ReadWindow(read, plan, form.FirstQuarter ?? activity.Window.First, form.LastQuarter ?? activity.Window.Last, form.ExpectedMonth is 0 ? null : form.ExpectedMonth);
        var roles = form.Roles ?? agencies.ChoiceOf(activity);
        if (roles is { } r && !Enum.IsDefined(r))
        {
            read.Add(nameof(ActivityForm.Roles), "Validation.Choice");
        }

        var withProgress = (await db.ProgressEntries.AsNoTracking()
            .Where(e => e.ActivityId == activity.Id && e.TaskId != null)
            .Select(e => e.TaskId!.Value)
            .Distinct()
            .ToListAsync(cancellationToken)).ToHashSet();
        var tasks = new List<WantedTask>();
        var removed = new List<ActivityTask>();
        var seen = new HashSet<int>();
        for (var i = 0; i < form.Tasks.Count; i++)
        {
            var posted = form.Tasks[i];
            var prefix = $"Tasks[{i}].";
            var task = posted?.Id is { } id ? activity.Tasks.SingleOrDefault(t => t.Id == id) : null;
            if (posted is null || task is null || !seen.Add(task.Id))
            {
                // A form shown before someone removed the task: the comparison will show it; otherwise the form was tampered with.
                if (form.Version == activity.Version)
                {
                    read.Add(prefix + nameof(TaskForm.Text), "ActivityEdit.UnknownTask");
                }

                continue;
            }

            if (posted.Remove)
            {
                if (withProgress.Contains(task.Id))
                {
                    read.Add(prefix + nameof(TaskForm.Remove), "ActivityEdit.TaskHasProgress", task.Number);
                }

                removed.Add(task);
                continue;
            }

            var text = read.Text(prefix + nameof(TaskForm.Text), "ActivityEdit.TaskText", posted.Text, ActivityTask.MaxTextLength, required: true);
            var taskRoles = roles == RoleChoice.PerTask ? posted.Roles ?? agencies.ChoiceOf(task.Assignments) : null;
            // Roles are chosen in a draft; a published plan keeps whatever its tasks have.
            if (plan.IsDraft && roles == RoleChoice.PerTask && (taskRoles is null || taskRoles == RoleChoice.PerTask || !Enum.IsDefined(taskRoles.Value)))
            {
                read.Add(prefix + nameof(TaskForm.Roles), "ActivityEdit.TaskRolesRequired", task.Number);
            }

            tasks.Add(new WantedTask(task, text ?? task.Text, taskRoles, posted.Position ?? task.Number));
        }

        // Tasks the form did not post (an older page) stay as they are, in their place.
        foreach (var task in activity.Tasks.Where(t => !seen.Contains(t.Id)))
        {
            tasks.Add(new WantedTask(task, task.Text, roles == RoleChoice.PerTask ? agencies.ChoiceOf(task.Assignments) : null, task.Number));
        }

        var newText = read.Text(nameof(ActivityForm.NewTask), "ActivityEdit.NewTask", form.NewTask, ActivityTask.MaxTextLength, required: false);
        if (newText is not null)
        {
            var newRoles = roles == RoleChoice.PerTask ? form.NewTaskRoles : null;
            if (roles == RoleChoice.PerTask && (newRoles is null || newRoles == RoleChoice.PerTask || !Enum.IsDefined(newRoles.Value)))
            {
                read.Add(nameof(ActivityForm.NewTaskRoles), "ActivityEdit.NewTaskRolesRequired");
            }

            tasks.Add(new WantedTask(null, newText, newRoles, int.MaxValue));
        }

        // What each agency does: the form sends a box per agency (empty: the plan says nothing); an older page sends none.
        var statements = form.Statements.Count == 0
            ? [.. activity.Statements.Select(s => (s.AgencyId, s.Text))]
            : new List<(int AgencyId, string Text)>();
        foreach (var (agencyId, text) in form.Statements)
        {
            if (agencyId != agencies.Vwu && agencyId != agencies.Cema)
            {
                read.Add($"Statements[{agencyId}]", "PlanEdit.UnknownAgency");
                continue;
            }

            if (read.Text($"Statements[{agencyId}]", "ActivityEdit.Statement", text, AgencyStatement.MaxTextLength, required: false) is { } statement)
            {
                statements.Add((agencyId, statement));
            }
        }

        if (read.Errors.Any || title is null || schedule is null || window is null)
        {
            return null;
        }

        // A task moved down lands after those already at its new place, one moved up before them: as when dragging it there.
        var ordered = tasks
            .OrderBy(t => t.Position)
            .ThenBy(t => t.Task is null ? 0 : Math.Sign(t.Position - t.Task.Number))
            .ThenBy(t => t.Task?.Number ?? int.MaxValue)
            .ToList();
        var provinces = form.ProvincesReport ?? activity.ProvincesReport;
        return new WantedActivity(new ActivityRevision(title, english, content, shape, schedule, window, provinces), roles, ordered, removed, statements);
    }

    /// <summary>Applies the form through the plan, step by step; a refused step is said beside its field.</summary>
    private void Apply(Plan plan, Activity activity, WantedActivity wanted, ProgrammeAgencies agencies, FieldErrors errors)
    {
        void Step(string field, string publishedKey, Action act)
        {
            try
            {
                act();
            }
            catch (DomainRuleException rule)
            {
                errors.Add(field, rule.Code == "Rule.PlanPublishedFixed" ? localizer[publishedKey].Value : localizer.Describe(rule));
            }
        }

        var window = wanted.Revision.Window;
        var windowField = window.First != activity.Window.First || window.Last != activity.Window.Last ? nameof(ActivityForm.FirstQuarter) : nameof(ActivityForm.ProvincesReport);
        Step(windowField, windowField == nameof(ActivityForm.FirstQuarter) ? "ActivityEdit.PublishedWindow" : "ActivityEdit.PublishedProvinces", () => plan.ReviseActivity(activity, wanted.Revision));

        if (!wanted.SameStatements(activity))
        {
            Step(nameof(ActivityForm.Statements), "Rule.PlanPublishedFixed", () => plan.ReviseStatements(activity, wanted.Statements));
        }

        // Roles: on the activity, or (per task) on each task; the plan keeps them on one level.
        if (wanted.Roles is { } choice)
        {
            var activityRoles = agencies.Roles(choice);
            var changed = !ProgrammeAgencies.Same(activity.Assignments, activityRoles)
                || (choice != RoleChoice.PerTask && activity.Tasks.Any(t => t.Assignments.Count > 0));
            if (changed)
            {
                Step(nameof(ActivityForm.Roles), "ActivityEdit.PublishedRoles", () => plan.AssignActivity(activity, activityRoles));
            }
        }

        foreach (var task in wanted.Removed)
        {
            Step(nameof(ActivityForm.Tasks), "ActivityEdit.PublishedTasks", () => plan.RemoveTask(activity, task));
        }

        ActivityTask? added = null;
        foreach (var want in wanted.Tasks)
        {
            if (want.Task is null)
            {
                Step(nameof(ActivityForm.NewTask), "ActivityEdit.PublishedTasks", () => added = plan.AddTask(activity, want.Text));
                if (added is not null && want.Roles is { } newRoles)
                {
                    Step(nameof(ActivityForm.NewTaskRoles), "ActivityEdit.PublishedRoles", () => plan.ReviseTask(activity, added, want.Text, agencies.Roles(newRoles)));
                }

                continue;
            }

            var roles = want.Roles is { } r && !ProgrammeAgencies.Same(want.Task.Assignments, agencies.Roles(r)) ? agencies.Roles(r) : null;
            Step(nameof(ActivityForm.Tasks), "ActivityEdit.PublishedRoles", () => plan.ReviseTask(activity, want.Task, want.Text, roles));
        }

        // The order asked for; the plan renumbers around each move.
        var order = wanted.Tasks.Select(t => t.Task ?? added).OfType<ActivityTask>().ToList();
        if (!order.SequenceEqual(activity.Tasks.OrderBy(t => t.Number)))
        {
            for (var i = 0; i < order.Count; i++)
            {
                var task = order[i];
                var position = i + 1;
                Step(nameof(ActivityForm.Tasks), "ActivityEdit.PublishedTasks", () => plan.MoveTask(activity, task, position));
            }
        }
    }

    private async Task<Refusal> ActivityConflictAsync(Plan plan, Activity stored, WantedActivity wanted, ProgrammeAgencies agencies, CancellationToken cancellationToken)
    {
        var (by, at) = await EditHistory.LastSavedAsync(db, nameof(Activity), stored.Id, clock, cancellationToken);
        string Window(QuarterWindow w) => localizer.Window(w);
        string Roles(RoleChoice? c) => agencies.Label(localizer, c);
        string Tasks(IEnumerable<(int Number, string Text)> tasks) => PartValues.Joined(tasks.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Number}. {t.Text}")));
        var revision = wanted.Revision;
        var view = new ConflictComparison()
            .Compare(localizer["ActivityEdit.Title"], stored.Title, revision.Title)
            .Compare(localizer["ActivityEdit.EnglishTitle"], stored.EnglishTitle, revision.EnglishTitle)
            .Compare(localizer["ActivityEdit.Content"], stored.Content, revision.Content)
            .Compare(localizer["ActivityEdit.Form"], stored.Form, revision.Form)
            .Compare(localizer["ActivityEdit.ScheduleText"], stored.ScheduleText, revision.ScheduleText)
            .Compare(localizer["ActivityEdit.Window"], Window(stored.Window), Window(revision.Window))
            .Compare(localizer["ActivityEdit.ProvincesReport"], localizer[stored.ProvincesReport ? "Common.Yes" : "Common.No"], localizer[revision.ProvincesReport ? "Common.Yes" : "Common.No"])
            .Compare(localizer["ActivityEdit.Roles"], Roles(agencies.ChoiceOf(stored)), Roles(wanted.Roles))
            .Compare(
                localizer["Activity.Statements"],
                PartValues.Joined(stored.Statements.OrderBy(s => s.AgencyId).Select(s => s.Text)),
                PartValues.Joined(wanted.Statements.OrderBy(s => s.AgencyId).Select(s => s.Text)))
            .Compare(
                localizer["ActivityEdit.TaskList"],
                Tasks(stored.Tasks.OrderBy(t => t.Number).Select(t => (t.Number, t.Text))),
                Tasks(wanted.Tasks.Select((t, i) => (i + 1, t.Text))))
            .For(by, at);
        return Refusal.Conflict(new PartConflict(view, stored.Version, string.Empty));
    }

    private sealed record WantedTask(ActivityTask? Task, string Text, RoleChoice? Roles, int Position);

    /// <summary>The activity as the form wants it.</summary>
    private sealed record WantedActivity(ActivityRevision Revision, RoleChoice? Roles, IReadOnlyList<WantedTask> Tasks, IReadOnlyList<ActivityTask> Removed, IReadOnlyList<(int AgencyId, string Text)> Statements)
    {
        public bool SameStatements(Activity activity) =>
            Statements.OrderBy(s => s.AgencyId).SequenceEqual(activity.Statements.Select(s => (s.AgencyId, s.Text)).OrderBy(s => s.AgencyId));

        /// <summary>Whether the stored activity already is what the form asks for (nothing to write).</summary>
        public bool Holds(Activity activity, ProgrammeAgencies agencies)
        {
            var r = Revision;
            var same = r.Title == activity.Title && r.EnglishTitle == activity.EnglishTitle && r.Content == activity.Content && r.Form == activity.Form
                && r.ScheduleText == activity.ScheduleText && r.Window == activity.Window && r.ProvincesReport == activity.ProvincesReport
                && Removed.Count == 0 && Tasks.All(t => t.Task is not null)
                && Tasks.Select(t => t.Task).SequenceEqual(activity.Tasks.OrderBy(t => t.Number))
                && Tasks.All(t => t.Text == t.Task!.Text)
                && SameStatements(activity);
            if (!same)
            {
                return false;
            }

            if (Roles is not { } choice)
            {
                return true;
            }

            return choice == RoleChoice.PerTask
                ? activity.Assignments.Count == 0 && Tasks.All(t => t.Roles is { } tr && ProgrammeAgencies.Same(t.Task!.Assignments, agencies.Roles(tr)))
                : ProgrammeAgencies.Same(activity.Assignments, agencies.Roles(choice)) && activity.Tasks.All(t => t.Assignments.Count == 0);
        }
    }
}
