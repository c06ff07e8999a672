using CoordinationPortal.Web.Features;
using CoordinationPortal.Web.Features.Notifications;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Accounts;
using CoordinationPortal.Web.Infrastructure.Backup;
using CoordinationPortal.Web.Infrastructure.Bench;
using CoordinationPortal.Web.Infrastructure.Caching;
using CoordinationPortal.Web.Infrastructure.Demo;
using CoordinationPortal.Web.Infrastructure.Email;
using CoordinationPortal.Web.Infrastructure.Files;
using CoordinationPortal.Web.Infrastructure.Health;
using CoordinationPortal.Web.Infrastructure.Scheduling;
using CoordinationPortal.Web.Infrastructure.Security;

// Before anything creates a file: the data folder is for the portal's account only.
OwnerOnlyFiles.ApplyToNewFiles();
var builder = WebApplication.CreateBuilder(args);

builder.AddPortalLogging();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddPortalDatabase(builder.Configuration);
builder.Services.AddPortalDataProtection(builder.Configuration, builder.Environment);
builder.Services.AddPortalProxySupport(builder.Configuration);
builder.Services.AddPortalHttpsAndHosts();
builder.Services.AddPortalFileStore(builder.Configuration);
builder.Services.AddPortalIdentity(builder.Configuration, builder.Environment);
builder.Services.AddPortalRateLimiting(builder.Configuration);
builder.Services.AddPortalCompression();
builder.Services.AddPortalLocalization();
builder.Services.AddPortalMvc();
builder.Services.AddPortalFeatures();
builder.Services.AddPortalFragmentCache(builder.Configuration);
builder.Services.AddPortalEmail(builder.Configuration);
builder.Services.AddPortalSchedule(builder.Configuration);
builder.Services.AddScheduledNotifications(builder.Configuration);
builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
builder.Services.AddPortalHealthChecks(builder.Configuration);

var app = builder.Build();

// Before migrating: a backup copies the database as it is, and a restore replaces it.
if (BackupCommand.IsRequested(args))
{
    return await BackupCommand.RunAsync(app, args);
}

if (RestoreCommand.IsRequested(args))
{
    return await RestoreCommand.RunAsync(app, args);
}

// A restore may be what fixes a broken data folder, so the folder is checked only after it.
app.RestrictPortalData();
app.CheckPortalStorage();
app.CheckPortalKeyProtection();
await app.MigrateAndSeedDatabaseAsync();
await app.MoveKeysToDatabaseAsync();
await app.ProtectStoredSecondFactorSecretsAsync();
if (CreateAdminCommand.IsRequested(args))
{
    return await CreateAdminCommand.RunAsync(app, args);
}

if (DemoDataCommand.IsRequested(args))
{
    return await DemoDataCommand.RunAsync(app, args);
}

app.CheckPortalHostNames();
app.WarnOfUnsharedCache();
await app.EnsureDevelopmentDemoAsync();
await app.EnsureAccountsAsync();

app.UsePortalProxySupport(app.Configuration);
app.UsePortalErrorPages();
app.UsePortalSecurityHeaders();
app.UsePortalRequestLogging();
app.UsePortalClientAborts();
app.UsePortalHttpsOnly();
app.UseResponseCompression();
app.UseRequestLocalization();
app.UseRouting();
app.UseAuthentication();
app.UsePortalSessionClock();
app.UseRateLimiter();
app.UsePortalAccountGate();
app.UseAuthorization();

app.MapStaticAssets().AllowAnonymous();
app.MapPortalHealthChecks();
app.MapControllers().WithStaticAssets();
if (BenchEndpoints.IsEnabled(app.Configuration))
{
    app.MapBenchEndpoints();
}

await app.RunAsync();
return 0;

/// <summary>Entry point; public so that WebApplicationFactory can start the app in tests.</summary>
public partial class Program;
