namespace CoordinationPortal.Migrations.Sqlite;

/// <summary>Names this assembly for EF Core's MigrationsAssembly option, without a magic string.</summary>
public static class MigrationsAssembly
{
    public static string Name { get; } = typeof(MigrationsAssembly).Assembly.GetName().Name!;
}
