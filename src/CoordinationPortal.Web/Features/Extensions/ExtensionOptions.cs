using CoordinationPortal.Domain.Reporting;

namespace CoordinationPortal.Web.Features.Extensions;

/// <summary>Extension requests' settings, under <c>Reporting:</c> in configuration.</summary>
public sealed class ExtensionOptions
{
    public const string Section = "Reporting";

    /// <summary>The longest extension a central officer may grant (and a province propose), in days from today.</summary>
    public int MaxExtensionDays { get; set; } = 30;

    /// <summary>A branch may ask this many days before its quarter locks, as well as after.</summary>
    public int ExtensionNoticeDays { get; set; } = 7;

    /// <summary>The maximum as used: never beyond what any exemption may run (<see cref="LockExemption.MaxDays"/>).</summary>
    public int MaxDays => Math.Clamp(MaxExtensionDays, 0, LockExemption.MaxDays);

    public int NoticeDays => Math.Clamp(ExtensionNoticeDays, 0, LockExemption.MaxDays);
}
