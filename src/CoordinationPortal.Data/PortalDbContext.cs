using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Provinces;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Data;

/// <summary>The one database context of the portal. Entity mappings live in <c>Configurations/</c>.</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options)
{
    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<Province> Provinces => Set<Province>();

    public DbSet<CoordinationProgramme> Programmes => Set<CoordinationProgramme>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<ActivityTask> ActivityTasks => Set<ActivityTask>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
