using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Plans;

/// <summary>
/// A yearly implementation plan (Kế hoạch) of the coordination programme: the aggregate of its
/// activities, tasks, roles and text. A draft may be changed in every part; a published plan (the
/// signed document, receiving reports) only in its wording and expected months, so that no stored
/// report loses the activity or quarter it was written against (docs/decisions/0021).
/// </summary>
public sealed class Plan
{
    public const int MaxNumberLength = 50;
    public const int MaxPlaceLength = 100;
    public const int MaxTitleLength = 500;
    public const int MaxTextLength = 4000;

    private readonly List<Activity> _activities = [];
    private readonly List<PlanPurpose> _purposes = [];
    private readonly List<AgencyDuty> _duties = [];
    private readonly List<Signatory> _signatories = [];
    private readonly List<PlanRecipient> _recipients = [];

    public Plan(CoordinationProgramme programme, int year, string number, DateOnly issuedOn, string place, string title)
    {
        ArgumentNullException.ThrowIfNull(programme);
        CheckYear(programme, year, issuedOn);
        Programme = programme;
        Year = year;
        Number = Guard.Text(number, MaxNumberLength, "Plan number");
        IssuedOn = issuedOn;
        Place = Guard.Text(place, MaxPlaceLength, "Place of issue");
        Title = Guard.Text(title, MaxTitleLength, "Plan title");
        Preamble = string.Empty;
        FundingText = string.Empty;
    }

    private Plan()
    {
        Programme = null!;
        Number = string.Empty;
        Place = string.Empty;
        Title = string.Empty;
        Preamble = string.Empty;
        FundingText = string.Empty;
    }

    public int Id { get; private set; }

    public int ProgrammeId { get; private set; }

    public CoordinationProgramme Programme { get; private set; }

    public int Year { get; private set; }

    /// <summary>"468/KH-HLHPNVN-UBDT".</summary>
    public string Number { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    /// <summary>"Hà Nội": the place in the date line.</summary>
    public string Place { get; private set; }

    public string Title { get; private set; }

    /// <summary>The opening paragraph that cites the programme.</summary>
    public string Preamble { get; private set; }

    /// <summary>Section III ("Kinh phí thực hiện").</summary>
    public string FundingText { get; private set; }

    public IReadOnlyList<Activity> Activities => _activities;

    public IReadOnlyList<PlanPurpose> Purposes => _purposes;

    public IReadOnlyList<AgencyDuty> Duties => _duties;

    public IReadOnlyList<Signatory> Signatories => _signatories;

    public IReadOnlyList<PlanRecipient> Recipients => _recipients;

    /// <summary>Draft while it is prepared; published once signed, when it receives reports.</summary>
    public PlanState State { get; private set; } = PlanState.Draft;

    public DateTime? PublishedAtUtc { get; private set; }

    public string? PublishedByName { get; private set; }

    /// <summary>Goes up by one on every change of the plan's own text; an edit form that started from an older version is refused.</summary>
    public int Version { get; private set; } = 1;

    public bool IsDraft => State == PlanState.Draft;

    /// <summary>The year of the plan this one was copied from: its wording may still name that year (see <see cref="YearMentions"/>).</summary>
    public int? CopiedFromYear { get; private set; }

    /// <summary>Section I's preamble and section III: wording, editable in any state.</summary>
    public void SetText(string preamble, string fundingText)
    {
        Preamble = Guard.Text(preamble, MaxTextLength, "Preamble");
        FundingText = Guard.Text(fundingText, MaxTextLength, "Funding text");
    }

    /// <summary>
    /// The plan's number, date, place, title and programme. Once published only the title's wording
    /// may change: the number, date and programme are those of the signed document.
    /// </summary>
    public void ReviseHeader(CoordinationProgramme programme, string number, DateOnly issuedOn, string place, string title)
    {
        ArgumentNullException.ThrowIfNull(programme);
        number = Guard.Text(number, MaxNumberLength, "Plan number");
        place = Guard.Text(place, MaxPlaceLength, "Place of issue");
        if (!IsDraft && (number != Number || issuedOn != IssuedOn || place != Place || programme.Id != ProgrammeId))
        {
            throw new DomainRuleException("Rule.PlanPublishedFixed", "A published plan keeps its number, date, place and programme.");
        }

        CheckYear(programme, Year, issuedOn);
        Programme = programme;
        ProgrammeId = programme.Id;
        Number = number;
        IssuedOn = issuedOn;
        Place = place;
        Title = Guard.Text(title, MaxTitleLength, "Plan title");
        Version++;
    }

    /// <summary>Section I, section III, recipients: wording, editable in any state.</summary>
    public void ReviseText(string preamble, string fundingText, IReadOnlyList<string> purposes, IReadOnlyList<string> recipients)
    {
        ArgumentNullException.ThrowIfNull(purposes);
        ArgumentNullException.ThrowIfNull(recipients);
        SetText(preamble, fundingText);
        Replace(_purposes, purposes.Where(t => !string.IsNullOrWhiteSpace(t)).ToList(), (n, t) => new PlanPurpose(n, t), (item, t) => item.Reword(t));
        Replace(_recipients, recipients.Where(t => !string.IsNullOrWhiteSpace(t)).ToList(), (n, t) => new PlanRecipient(n, t), (item, t) => item.Reword(t));
        Version++;
    }

    /// <summary>Section IV (each agency's duties) and the signature blocks: editable in any state.</summary>
    public void ReviseDutiesAndSignatories(IReadOnlyList<(int AgencyId, string Text)> duties, IReadOnlyList<(int AgencyId, string AgencyHeading, string? AuthorityLine, string TitleLine, string FullName)> signatories)
    {
        ArgumentNullException.ThrowIfNull(duties);
        ArgumentNullException.ThrowIfNull(signatories);
        Replace(_duties, duties.Where(d => !string.IsNullOrWhiteSpace(d.Text)).ToList(), (n, d) => new AgencyDuty(d.AgencyId, n, d.Text), (item, d) => item.Revise(d.AgencyId, d.Text));
        Replace(_signatories, signatories.ToList(), (n, s) => new Signatory(n, s.AgencyId, s.AgencyHeading, s.AuthorityLine, s.TitleLine, s.FullName), (item, s) => item.Revise(s.AgencyId, s.AgencyHeading, s.AuthorityLine, s.TitleLine, s.FullName));
        Version++;
    }

    public void AddPurpose(string text) => _purposes.Add(new PlanPurpose(_purposes.Count + 1, text));

    /// <summary>Adds a duty of section IV; duties are numbered through the section, in the plan's order.</summary>
    public void AddDuty(int agencyId, string text) => _duties.Add(new AgencyDuty(agencyId, _duties.Count + 1, text));

    public void AddSignatory(int agencyId, string agencyHeading, string? authorityLine, string titleLine, string fullName) =>
        _signatories.Add(new Signatory(_signatories.Count + 1, agencyId, agencyHeading, authorityLine, titleLine, fullName));

    public void AddRecipient(string text) => _recipients.Add(new PlanRecipient(_recipients.Count + 1, text));

    /// <summary>Adds the next numbered activity (drafts only); its window must lie within the plan's year.</summary>
    public Activity AddActivity(string title, QuarterWindow window, string scheduleText)
    {
        ArgumentNullException.ThrowIfNull(window);
        EnsureDraft("add an activity");
        CheckWindow(window);
        var activity = new Activity(_activities.Count + 1, title, window, scheduleText);
        _activities.Add(activity);
        Version++;
        return activity;
    }

    /// <summary>
    /// Removes an activity and renumbers the rest. A published plan may lose only an activity nothing
    /// was recorded against (<paramref name="hasRecords"/>: report lines, progress entries).
    /// </summary>
    public void RemoveActivity(Activity activity, bool hasRecords)
    {
        EnsureOwn(activity);
        if (hasRecords)
        {
            throw new DomainRuleException("Rule.ActivityHasRecords", $"Activity {activity.Number} has reports or progress entries and cannot be removed.", activity.Number);
        }

        _activities.Remove(activity);
        Renumber([.. _activities.OrderBy(a => a.Number)]);
        Version++;
    }

    /// <summary>Moves an activity to another position (drafts only); the others are renumbered around it.</summary>
    public void MoveActivity(Activity activity, int position)
    {
        EnsureDraft("reorder the activities");
        EnsureOwn(activity);
        var ordered = _activities.OrderBy(a => a.Number).Where(a => a != activity).ToList();
        ordered.Insert(Math.Clamp(position - 1, 0, ordered.Count), activity);
        Renumber(ordered);
        Version++;
    }

    /// <summary>
    /// An activity's text, window and whether provinces report on it. Once published, only the
    /// wording and the expected month may change: a new window or a new provincial line would no
    /// longer match the reports already written against it.
    /// </summary>
    public void ReviseActivity(Activity activity, ActivityRevision revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        EnsureOwn(activity);
        CheckWindow(revision.Window);
        if (!IsDraft && (revision.Window.First != activity.Window.First || revision.Window.Last != activity.Window.Last || revision.ProvincesReport != activity.ProvincesReport))
        {
            throw new DomainRuleException("Rule.PlanPublishedFixed", "A published plan keeps its activities' windows and who reports on them.");
        }

        activity.Reword(revision.Title, revision.EnglishTitle, revision.Content, revision.Form, revision.ScheduleText);
        activity.MoveTo(revision.Window);
        activity.SetProvincesReport(revision.ProvincesReport);
        activity.Touch();
    }

    /// <summary>
    /// What the plan says each agency does on an activity, in its own words: wording, editable in
    /// any state like the activity's other text (docs/decisions/0021).
    /// </summary>
    public void ReviseStatements(Activity activity, IReadOnlyList<(int AgencyId, string Text)> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        EnsureOwn(activity);
        activity.ReplaceStatements(statements);
        activity.Touch();
    }

    /// <summary>Which agency leads and which supports the activity (none: its tasks say), drafts only.</summary>
    public void AssignActivity(Activity activity, IReadOnlyList<(int AgencyId, AssignmentRole Role)> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        EnsureDraft("change who leads an activity");
        EnsureOwn(activity);
        activity.ReplaceAssignments(roles);
        if (roles.Count > 0)
        {
            foreach (var task in activity.Tasks)
            {
                task.ReplaceAssignments([]); // one level carries the roles: the activity's, or each task's
            }
        }

        activity.Touch();
    }

    public ActivityTask AddTask(Activity activity, string text)
    {
        EnsureDraft("add a task");
        EnsureOwn(activity);
        var task = activity.AddTask(text);
        activity.Touch();
        return task;
    }

    /// <summary>A task's wording (any state) and, in a draft, its roles (none: the activity's apply).</summary>
    public void ReviseTask(Activity activity, ActivityTask task, string text, IReadOnlyList<(int AgencyId, AssignmentRole Role)>? roles)
    {
        EnsureOwn(activity, task);
        task.Reword(text);
        if (roles is not null && !roles.SequenceEqual(task.Assignments.Select(a => (a.AgencyId, a.Role))))
        {
            EnsureDraft("change who leads a task");
            if (roles.Count > 0 && activity.Assignments.Count > 0)
            {
                throw new DomainRuleException("Rule.RolesOnOneLevel", "Roles are set on the activity or on its tasks, not both.");
            }

            task.ReplaceAssignments(roles);
        }

        activity.Touch();
    }

    public void RemoveTask(Activity activity, ActivityTask task)
    {
        EnsureDraft("remove a task");
        EnsureOwn(activity, task);
        activity.RemoveTask(task);
        activity.Touch();
    }

    public void MoveTask(Activity activity, ActivityTask task, int position)
    {
        EnsureDraft("reorder the tasks");
        EnsureOwn(activity, task);
        activity.MoveTask(task, position);
        activity.Touch();
    }

    /// <summary>
    /// What stops the plan from being published: it has activities, each with an agency responsible
    /// for it (windows inside the year are guarded on every edit); every quarter in which provinces
    /// report on an activity has a reporting period in <paramref name="calendar"/>; and no other plan
    /// is already published for the year (<paramref name="publishedForYear"/>: its number), since
    /// provinces report once per quarter.
    /// </summary>
    public IReadOnlyList<PlanProblem> PublishProblems(IReadOnlyCollection<Reporting.ReportingPeriod> calendar, string? publishedForYear)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var problems = new List<PlanProblem>();
        if (!IsDraft)
        {
            problems.Add(new PlanProblem("Plan.Problem.AlreadyPublished"));
            return problems;
        }

        if (publishedForYear is not null)
        {
            problems.Add(new PlanProblem("Plan.Problem.YearTaken", Year, publishedForYear));
        }

        if (_activities.Count == 0)
        {
            problems.Add(new PlanProblem("Plan.Problem.NoActivity"));
        }

        foreach (var activity in _activities.Where(a => a.InvolvedAgencyIds.Count == 0).OrderBy(a => a.Number))
        {
            problems.Add(new PlanProblem("Plan.Problem.NoAgency", activity.Number));
        }

        foreach (var quarter in Quarter.OfYear(Year))
        {
            if (_activities.Exists(a => a.ProvincesReport && a.Window.Contains(quarter)) && !calendar.Any(p => p.PlanId == Id && p.Quarter == quarter))
            {
                problems.Add(new PlanProblem("Plan.Problem.NoCalendar", quarter));
            }
        }

        return problems;
    }

    /// <summary>Publishes the plan: it then receives reports by its calendar. Refused with the first problem if any remain.</summary>
    public void Publish(IReadOnlyCollection<Reporting.ReportingPeriod> calendar, string? publishedForYear, string byName, DateTime nowUtc)
    {
        if (PublishProblems(calendar, publishedForYear) is [var first, ..])
        {
            throw new DomainRuleException(first.Code, $"The plan cannot be published: {first.Code}.", first.Arguments);
        }

        State = PlanWorkflow.Next(State, PlanAction.Publish);
        PublishedAtUtc = nowUtc;
        PublishedByName = Guard.Text(byName, 256, "Publisher");
        Version++;
    }

    /// <summary>A plan already signed outside the portal (the seed of Plan 468): it is published as it was signed.</summary>
    public void RecordAsSigned(DateTime signedAtUtc)
    {
        State = PlanWorkflow.Next(State, PlanAction.Publish);
        PublishedAtUtc = signedAtUtc;
        PublishedByName = "seed";
    }

    /// <summary>
    /// A draft for another year (usually the next), copied from this plan: its text, activities (windows and expected months
    /// moved to <paramref name="year"/>), tasks, roles, statements, duties, signatories and recipients.
    /// Wording that names a year is copied as it is, for a person to review (<see cref="YearMentions"/>);
    /// nothing is shared by reference with this plan.
    /// </summary>
    public Plan CopyForYear(int year, CoordinationProgramme programme, string number, DateOnly issuedOn)
    {
        if (year == Year)
        {
            // Usually the next year; an earlier one is allowed too (recording a past year's plan in its shape).
            throw new DomainRuleException("Rule.CopyToSameYear", $"A plan of {Year} is copied to another year.", Year);
        }

        var copy = new Plan(programme, year, number, issuedOn, Place, Title) { CopiedFromYear = Year };
        copy.SetText(Preamble, FundingText);
        foreach (var purpose in _purposes.OrderBy(p => p.Number))
        {
            copy.AddPurpose(purpose.Text);
        }

        var shift = year - Year;
        foreach (var source in _activities.OrderBy(a => a.Number))
        {
            var window = new QuarterWindow(source.Window.First.AddQuarters(4 * shift), source.Window.Last.AddQuarters(4 * shift), source.Window.ExpectedMonth);
            var activity = copy.AddActivity(source.Title, window, source.ScheduleText);
            activity.Describe(source.Content, source.Form, source.EnglishTitle);
            activity.SetProvincesReport(source.ProvincesReport);
            foreach (var task in source.Tasks.OrderBy(t => t.Number))
            {
                var taskCopy = activity.AddTask(task.Text);
                foreach (var role in task.Assignments)
                {
                    taskCopy.Assign(role.AgencyId, role.Role);
                }
            }

            foreach (var role in source.Assignments)
            {
                activity.Assign(role.AgencyId, role.Role);
            }

            foreach (var statement in source.Statements)
            {
                activity.AddStatement(statement.AgencyId, statement.Text);
            }
        }

        foreach (var duty in _duties.OrderBy(d => d.Number))
        {
            copy.AddDuty(duty.AgencyId, duty.Text);
        }

        foreach (var s in _signatories.OrderBy(s => s.Number))
        {
            copy.AddSignatory(s.AgencyId, s.AgencyHeading, s.AuthorityLine, s.TitleLine, s.FullName);
        }

        foreach (var recipient in _recipients.OrderBy(r => r.Number))
        {
            copy.AddRecipient(recipient.Text);
        }

        return copy;
    }

    private void EnsureOwn(Activity activity, ActivityTask? task = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!_activities.Contains(activity))
        {
            throw new DomainRuleException("Rule.NoSuchActivity", "The activity is not one of this plan's.");
        }

        if (task is not null && !activity.Tasks.Contains(task))
        {
            throw new DomainRuleException("Rule.NoSuchTask", "The task is not one of this activity's.");
        }
    }

    private void EnsureDraft(string what)
    {
        if (!IsDraft)
        {
            throw new DomainRuleException("Rule.PlanPublishedFixed", $"A published plan cannot {what}.");
        }
    }

    private void CheckWindow(QuarterWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.First.Year != Year || window.Last.Year != Year)
        {
            throw new DomainRuleException("Rule.WindowOutsideYear", $"An activity of the {Year} plan must fall within {Year} (got {window.First}-{window.Last}).", Year);
        }
    }

    private static void CheckYear(CoordinationProgramme programme, int year, DateOnly issuedOn)
    {
        if (!programme.Covers(year))
        {
            throw new DomainRuleException("Rule.ProgrammeYears", $"Programme {programme.Number} does not cover {year}.", programme.Number, year);
        }

        if (issuedOn.Year != year && issuedOn.Year != year - 1)
        {
            throw new DomainRuleException("Rule.PlanIssuedOn", $"A plan for {year} cannot be issued on {issuedOn:dd/MM/yyyy}.", year, issuedOn);
        }
    }

    private static void Renumber(List<Activity> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Renumber(i + 1);
        }
    }

    /// <summary>Makes a numbered list say <paramref name="wanted"/>: existing items reworded in place, new ones added, extra ones removed.</summary>
    private static void Replace<TItem, TValue>(List<TItem> items, IReadOnlyList<TValue> wanted, Func<int, TValue, TItem> create, Action<TItem, TValue> revise)
    {
        for (var i = 0; i < wanted.Count; i++)
        {
            if (i < items.Count)
            {
                revise(items[i], wanted[i]);
            }
            else
            {
                items.Add(create(i + 1, wanted[i]));
            }
        }

        if (items.Count > wanted.Count)
        {
            items.RemoveRange(wanted.Count, items.Count - wanted.Count);
        }
    }
}

/// <summary>What an activity's edit form sets.</summary>
public sealed record ActivityRevision(string Title, string? EnglishTitle, string? Content, string? Form, string ScheduleText, QuarterWindow Window, bool ProvincesReport);
