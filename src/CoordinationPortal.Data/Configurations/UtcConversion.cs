using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CoordinationPortal.Data.Configurations;

/// <summary>Instants are stored as UTC and read back marked as UTC (SQLite keeps no kind).</summary>
internal static class UtcConversion
{
    public static readonly ValueConverter<DateTime, DateTime> Instance =
        new(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    public static readonly ValueConverter<DateTime?, DateTime?> Nullable =
        new(v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
