using System.Linq.Expressions;
using CoordinationPortal.Domain.Plans;

namespace CoordinationPortal.Domain.Access;

/// <summary>
/// Which plans a caller may see, written once as an expression: every list, choice and page that
/// reads plans filters with it in SQL, and <see cref="Permissions.CanReadPlan"/> asks it of one plan.
/// </summary>
public static class PlanScope
{
    /// <summary>
    /// Published plans are for everyone signed in; a draft (not yet agreed between the agencies) only
    /// for those who draft, publish or oversee plans: administrators, central officers, leadership.
    /// </summary>
    public static Expression<Func<Plan, bool>> VisibleTo(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Permissions.CanSeeDraftPlans(actor) ? p => true : p => p.State == PlanState.Published;
    }

    /// <summary>Plans that receive reports and progress: the published ones, whoever asks.</summary>
    public static Expression<Func<Plan, bool>> Published { get; } = p => p.State == PlanState.Published;
}
