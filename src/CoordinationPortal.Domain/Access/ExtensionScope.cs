using System.Collections.Concurrent;
using System.Linq.Expressions;
using CoordinationPortal.Domain.Reporting;

namespace CoordinationPortal.Domain.Access;

/// <summary>
/// Which extension requests a caller may read, written once as an expression: the lists filter
/// with it in SQL and <see cref="Permissions.CanReadExtension"/> asks it of one request.
/// </summary>
public static class ExtensionScope
{
    private static readonly ConcurrentDictionary<Actor, Func<ExtensionRequest, bool>> Compiled = new();

    /// <summary>
    /// A province-branch reads its own requests; central officers those of their agency's branches
    /// (the ones they decide); administrators and leadership read every request, without deciding.
    /// </summary>
    public static Expression<Func<ExtensionRequest, bool>> ReadableBy(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var province = actor.ProvinceId;
        var agency = actor.AgencyId;
        return actor.Role switch
        {
            PortalRole.Administrator or PortalRole.Leadership => r => true,
            PortalRole.CentralOfficer => r => r.AgencyId == agency,
            PortalRole.ProvincialOfficer => r => r.ProvinceId == province && r.AgencyId == agency,
            _ => r => false,
        };
    }

    internal static bool Allows(Actor actor, ExtensionRequest request) =>
        Compiled.GetOrAdd(actor, a => ReadableBy(a).Compile(preferInterpretation: true))(request);
}
