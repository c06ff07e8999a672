using CoordinationPortal.Data;
using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Web.Features.Plans;
using CoordinationPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.PlanEditing;

/// <summary>The two agencies of the programme, by id and as named on a plan's date: whom the role choices name.</summary>
public sealed record ProgrammeAgencies(int Vwu, int Cema, AgencyView VwuName, AgencyView CemaName)
{
    public static async Task<ProgrammeAgencies> LoadAsync(PortalDbContext db, DateOnly namedOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var agencies = await db.Agencies.AsNoTracking().ToListAsync(cancellationToken);
        var vwu = agencies.Single(a => a.Code == AgencyCodes.Vwu);
        var cema = agencies.Single(a => a.Code == AgencyCodes.Cema);
        return new ProgrammeAgencies(vwu.Id, cema.Id, View(vwu, namedOn), View(cema, namedOn));
    }

    /// <summary>"Hội LHPN Việt Nam chủ trì, Ủy ban Dân tộc phối hợp": a choice in words, with the agencies' names of the plan's time.</summary>
    public string Label(IStringLocalizer localizer, RoleChoice? choice)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return choice is { } c && Enum.IsDefined(c)
            ? localizer["RoleChoice." + c, VwuName.Name(), CemaName.Name()]
            : localizer["RoleChoice.None"];
    }

    private static AgencyView View(Agency agency, DateOnly on)
    {
        var name = agency.NameOn(on);
        return new AgencyView(agency.Code, name.ShortName, name.EnglishName, name.Abbreviation);
    }

    /// <summary>The roles a choice stands for; "per task" puts none on the activity itself.</summary>
    public IReadOnlyList<(int AgencyId, AssignmentRole Role)> Roles(RoleChoice choice) => choice switch
    {
        RoleChoice.VwuLeads => [(Vwu, AssignmentRole.Lead), (Cema, AssignmentRole.Supporting)],
        RoleChoice.CemaLeads => [(Cema, AssignmentRole.Lead), (Vwu, AssignmentRole.Supporting)],
        RoleChoice.Joint => [(Vwu, AssignmentRole.Joint), (Cema, AssignmentRole.Joint)],
        _ => [],
    };

    /// <summary>Which of the three choices a list of roles is, if it is one of them (a single agency alone is none).</summary>
    public RoleChoice? ChoiceOf(IEnumerable<Assignment> assignments)
    {
        var roles = assignments.Select(a => (a.AgencyId, a.Role)).ToList();
        return new[] { RoleChoice.VwuLeads, RoleChoice.CemaLeads, RoleChoice.Joint }.Cast<RoleChoice?>()
            .FirstOrDefault(choice => Same(roles, Roles(choice!.Value)));
    }

    /// <summary>The activity's choice: its own roles, or "per task" when only its tasks carry roles.</summary>
    public RoleChoice? ChoiceOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Assignments.Count > 0)
        {
            return ChoiceOf(activity.Assignments);
        }

        return activity.Tasks.Any(t => t.Assignments.Count > 0) ? RoleChoice.PerTask : null;
    }

    /// <summary>Two lists of roles name the same agencies in the same roles, in whatever order.</summary>
    public static bool Same(IEnumerable<(int AgencyId, AssignmentRole Role)> left, IEnumerable<(int AgencyId, AssignmentRole Role)> right) =>
        left.OrderBy(r => r.AgencyId).SequenceEqual(right.OrderBy(r => r.AgencyId));

    public static bool Same(IEnumerable<Assignment> stored, IEnumerable<(int AgencyId, AssignmentRole Role)> wanted) =>
        Same(stored.Select(a => (a.AgencyId, a.Role)), wanted);

    /// <summary>A choice as a form posts it and as tests read it.</summary>
    public static string Value(RoleChoice? choice) => choice?.ToString() ?? string.Empty;
}
