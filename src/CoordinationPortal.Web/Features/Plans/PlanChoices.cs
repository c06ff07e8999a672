using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Plans;

/// <summary>
/// The plans that receive reports (published ones), as the plan filters of the dashboard, the
/// report lists and the exports offer them, and which one a page opens on when none is asked for.
/// </summary>
public sealed class PlanChoices(PortalDbContext db, TimeProvider clock)
{
    /// <summary>Published plans, the newest year first.</summary>
    public async Task<List<PlanChoice>> PublishedAsync(CancellationToken cancellationToken)
    {
        var plans = new List<PlanChoice>();
        await foreach (var plan in Published(db).WithCancellation(cancellationToken))
        {
            plans.Add(plan);
        }

        return plans;
    }

    // Compiled: the dashboard, the report lists and the exports read it on every request.
    private static readonly Func<PortalDbContext, IAsyncEnumerable<PlanChoice>> Published = EF.CompileAsyncQuery(
        (PortalDbContext db) => db.Plans.AsNoTracking()
            .Where(PlanScope.Published)
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.IssuedOn)
            .Select(p => new PlanChoice(p.Id, p.Number, p.Year)));

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
