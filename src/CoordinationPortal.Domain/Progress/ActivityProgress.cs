using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Plans;

namespace CoordinationPortal.Domain.Progress;

/// <summary>An agency's latest word on an activity: the newest progress entry it wrote.</summary>
public sealed record AgencyProgress(int AgencyId, ActivityStatus Status, int PercentComplete, DateOnly ReportedOn);

/// <summary>Where an activity stands, derived from its journal.</summary>
public sealed record DerivedProgress(ActivityStatus Status, int PercentComplete, DateOnly? LastReportedOn)
{
    public bool NeedsAttention => Status.NeedsAttention();

    /// <summary>The window is over and the activity is neither completed nor cancelled.</summary>
    public bool IsOverdue(QuarterWindow window, DateOnly today) =>
        window is not null && window.HasEndedBy(today) && !Status.IsFinal();

    /// <summary>What the dashboard flags: overdue, or the latest word says at risk or delayed.</summary>
    public bool IsFlagged(QuarterWindow window, DateOnly today) => NeedsAttention || IsOverdue(window, today);
}

/// <summary>
/// How an activity's status follows from its entries. Each involved agency's latest entry is its
/// current word. The agencies that decide are the lead (for an activity with a lead) or every
/// involved agency (joint activities, and activities led per task).
/// - Completed when every deciding agency's latest word is completed (cancelled when all say
///   cancelled; a mix of the two counts as completed).
/// - Otherwise the most serious word of any involved agency: delayed, then at risk, then on track,
///   then not started. A supporting agency can raise a flag, but cannot complete the activity.
/// - Percent complete is the average of the deciding agencies' latest percentages, an agency that
///   has written nothing counting as 0.
/// </summary>
public static class ActivityProgress
{
    /// <summary>The agencies whose word completes the activity and makes its percentage: the lead, or every involved agency.</summary>
    public static IReadOnlyList<int> DecidingAgencyIds(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return DecidingAgencyIds(activity.LeadAgencyId, activity.InvolvedAgencyIds);
    }

    /// <summary>The same from the activity's roles alone, for a reader that has them without the whole activity.</summary>
    public static IReadOnlyList<int> DecidingAgencyIds(int? leadAgencyId, IReadOnlyList<int> involvedAgencyIds) =>
        leadAgencyId is { } lead ? [lead] : involvedAgencyIds;

    public static DerivedProgress Derive(Activity activity, IEnumerable<AgencyProgress> latestWords)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Derive(activity.LeadAgencyId, activity.InvolvedAgencyIds, latestWords);
    }

    /// <summary>The same from the activity's roles alone: its lead (if any) and every involved agency.</summary>
    public static DerivedProgress Derive(int? leadAgencyId, IReadOnlyList<int> involvedAgencyIds, IEnumerable<AgencyProgress> latestWords)
    {
        ArgumentNullException.ThrowIfNull(involvedAgencyIds);
        ArgumentNullException.ThrowIfNull(latestWords);
        var involved = involvedAgencyIds;
        var words = latestWords.Where(w => involved.Contains(w.AgencyId)).ToDictionary(w => w.AgencyId);
        if (words.Count == 0)
        {
            return new DerivedProgress(ActivityStatus.NotStarted, 0, null);
        }

        var deciders = DecidingAgencyIds(leadAgencyId, involved);
        var lastReported = words.Values.Max(w => w.ReportedOn);
        var deciderWords = deciders.Select(d => words.GetValueOrDefault(d)).ToList();

        if (deciderWords.TrueForAll(w => w is not null && w.Status.IsFinal()))
        {
            var allCancelled = deciderWords.TrueForAll(w => w!.Status == ActivityStatus.Cancelled);
            return allCancelled
                ? new DerivedProgress(ActivityStatus.Cancelled, deciderWords.Max(w => w!.PercentComplete), lastReported)
                : new DerivedProgress(ActivityStatus.Completed, 100, lastReported);
        }

        var open = words.Values.Where(w => !w.Status.IsFinal()).Select(w => w.Status).ToList();
        var status = open.Count == 0 ? ActivityStatus.OnTrack : open.MaxBy(s => s.Seriousness());
        var percent = (int)Math.Round(deciderWords.Average(w => w?.PercentComplete ?? 0), MidpointRounding.AwayFromZero);
        return new DerivedProgress(status, percent, lastReported);
    }
}
