using System.ComponentModel.DataAnnotations;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Web.Infrastructure;

namespace CoordinationPortal.Web.Features.Admin;

/// <summary>A new indicator for an activity: its names and unit (the unit is fixed once values are reported against it).</summary>
public sealed class IndicatorForm
{
    public int ActivityId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Indicator.MaxNameLength, ErrorMessage = "Validation.TooLongMax")]
    [Display(Name = "Indicators.Name")]
    public string? Name { get; set; }

    [StringLength(Indicator.MaxNameLength, ErrorMessage = "Validation.TooLongMax")]
    [Display(Name = "Indicators.EnglishName")]
    public string? EnglishName { get; set; }

    public IndicatorUnit Unit { get; set; } = IndicatorUnit.Count;

    /// <summary>The rendered form's token: sending it twice adds one indicator.</summary>
    public Guid? FormToken { get; set; }
}

/// <summary>
/// One indicator as its form on the activity's screen sends it: names, the year's national target
/// and the province targets, as typed (text, so that "1.000" and mistakes come back as typed), and
/// the version the form started from.
/// </summary>
public sealed class IndicatorEditForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Indicator.MaxNameLength, ErrorMessage = "Validation.TooLongMax")]
    [Display(Name = "Indicators.Name")]
    public string? Name { get; set; }

    [StringLength(Indicator.MaxNameLength, ErrorMessage = "Validation.TooLongMax")]
    [Display(Name = "Indicators.EnglishName")]
    public string? EnglishName { get; set; }

    /// <summary>The national target for the plan's year; empty for none.</summary>
    public string? Target { get; set; }

    /// <summary>Targets by province id; an empty field sets none for that unit.</summary>
    public Dictionary<int, string?> ProvinceTargets { get; set; } = [];

    /// <summary>The indicator's version when the form was shown: a save over someone else's is a conflict.</summary>
    public int Version { get; set; }
}

/// <summary>A plan in the indicator page's picker; drafts are marked as such.</summary>
public sealed record IndicatorPlanChoice(int Id, string Number, int Year, bool IsDraft);

/// <summary>An indicator in the plan's overview: what it is, how often it was used, what the plan aims for.</summary>
public sealed record IndicatorRow(int Id, string Code, string Name, string? EnglishName, IndicatorUnit Unit, bool IsRetired, int ValuesRecorded, long? Target, int ProvinceTargets);

public sealed record ActivityIndicators(int ActivityId, int Number, string Title, bool ProvincesReport, IReadOnlyList<IndicatorRow> Indicators);

/// <summary>The indicator catalogue of a plan, one block per activity, each leading to the activity's screen.</summary>
public sealed record IndicatorsPage(IndicatorPlanChoice Plan, IReadOnlyList<IndicatorPlanChoice> Plans, IReadOnlyList<ActivityIndicators> Activities);

/// <summary>A unit that existed in the plan's year, named as it was then, and how long it existed.</summary>
public sealed record TargetProvince(int Id, string Code, string Name, DateOnly? ValidFrom, DateOnly? ValidTo);

/// <summary>One indicator on the activity's screen: what is stored, and the form (as stored, or as typed after a refusal).</summary>
public sealed record IndicatorEditor(int Id, string Code, IndicatorUnit Unit, bool IsRetired, int ValuesRecorded, long? Target, int ProvinceTargetCount, IndicatorEditForm Form, ConflictView? Conflict)
{
    /// <summary>The form came back refused (errors or a conflict): it opens where the person was typing.</summary>
    public bool Refused { get; init; }
}

/// <summary>
/// An activity's indicators and their targets for the plan's year, on one screen: a form per
/// indicator, the units that existed that year for province targets, and the form to add one.
/// </summary>
public sealed record ActivityIndicatorsPage(
    int PlanId,
    string PlanNumber,
    int PlanYear,
    PlanState PlanState,
    int ActivityId,
    int ActivityNumber,
    string ActivityTitle,
    bool ProvincesReport,
    IReadOnlyList<TargetProvince> Provinces,
    IReadOnlyList<IndicatorEditor> Indicators,
    IndicatorForm Adding)
{
    /// <summary>The add form came back with errors: it is shown open, with them.</summary>
    public bool AddRefused { get; init; }
}

/// <summary>Which indicator changed, for the page that follows: its activity and its name.</summary>
public sealed record IndicatorChange(int ActivityId, int IndicatorId, string Name);

/// <summary>An indicator's names and targets as stored now (what a conflicting save is compared with).</summary>
public sealed record IndicatorState(string Name, string? EnglishName, long? Target, IReadOnlyDictionary<int, long> ProvinceTargets, int Version);
