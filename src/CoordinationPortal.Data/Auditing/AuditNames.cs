using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CoordinationPortal.Data.Auditing;

/// <summary>
/// The record type an audit entry names: the class name ("QuarterlyReport"), qualified by its owner
/// when one class is stored in several places ("ReportLine.IndicatorValue" and
/// "ProgressEntry.IndicatorValue"), so that the entry's key can be read back to the right record.
/// The audit page turns these names into words; they are never shown as they are.
/// </summary>
public static class AuditNames
{
    public static string Of(IEntityType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var name = ClassName(type.ClrType);
        var owner = type.FindOwnership()?.PrincipalEntityType;
        var shared = owner is not null && type.Model.GetEntityTypes().Count(t => t.ClrType == type.ClrType) > 1;
        return shared ? ClassName(owner!.ClrType) + "." + name : name;
    }

    /// <summary>Every audited record type of the model, by the name its entries carry.</summary>
    public static IReadOnlyDictionary<string, IEntityType> All(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.GetEntityTypes()
            .Where(t => !Unaudited.Is(t.ClrType) && t.ClrType != typeof(Domain.Auditing.AuditEntry) && !t.IsMappedToJson())
            .GroupBy(Of)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    // Without the generic arity: "IdentityUserToken".
    private static string ClassName(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name[..tick];
    }
}
