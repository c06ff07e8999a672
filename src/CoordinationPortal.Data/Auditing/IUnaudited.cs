using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;

namespace CoordinationPortal.Data.Auditing;

/// <summary>Marks bookkeeping rows the audit trail leaves out: they record how the app works, not anyone's decision.</summary>
public interface IUnaudited;

internal static class Unaudited
{
    /// <summary>
    /// Bookkeeping rows, and the data-protection keys: a key is a secret (the audit trail would copy
    /// it into rows many people read) and records no decision either. Its type is the library's, so it
    /// cannot carry <see cref="IUnaudited"/>.
    /// </summary>
    public static bool Is(Type type) => typeof(IUnaudited).IsAssignableFrom(type) || typeof(DataProtectionKey).IsAssignableFrom(type);
}
