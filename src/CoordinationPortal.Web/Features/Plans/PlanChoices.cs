using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Web.Features.Reports;

namespace CoordinationPortal.Web.Features.Plans;

/// <summary>
/// The plans that receive reports (published ones), as the plan filters of the dashboard, the
/// report lists and the exports offer them, and which one a page opens on when none is asked for.
/// </summary>
public sealed class PlanChoices(PlanReference reference, TimeProvider clock)
{
    /// <summary>Published plans, the newest year first: kept in memory between requests (ADR 0061), shared, not to be changed.</summary>
    public Task<IReadOnlyList<PlanChoice>> PublishedAsync(CancellationToken cancellationToken) => reference.PublishedPlansAsync(cancellationToken);

    /// <summary>The plan asked for if it is among <paramref name="plans"/>, else <see cref="Default"/>.</summary>
    public PlanChoice? Chosen(IReadOnlyList<PlanChoice> plans, int? asked)
    {
        ArgumentNullException.ThrowIfNull(plans);
        return plans.FirstOrDefault(p => p.Id == asked) ?? Default(plans, VietnamTime.Today(clock.GetUtcNow()).Year);
    }

    /// <summary>
    /// This year's plan; without one (it is still being drafted), the latest before this year; only
    /// then a later one. A new year's first weeks thus still show last year's figures.
    /// </summary>
    public static PlanChoice? Default(IReadOnlyList<PlanChoice> plans, int currentYear)
    {
        ArgumentNullException.ThrowIfNull(plans);
        return plans.FirstOrDefault(p => p.Year == currentYear)
            ?? plans.Where(p => p.Year < currentYear).MaxBy(p => p.Year)
            ?? plans.Where(p => p.Year > currentYear).MinBy(p => p.Year);
    }
}
