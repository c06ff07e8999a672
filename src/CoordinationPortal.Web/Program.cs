using CoordinationPortal.Data;
using CoordinationPortal.Web.Features;
using CoordinationPortal.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalLogging();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddPortalDatabase(builder.Configuration);
builder.Services.AddPortalDataProtection();
builder.Services.AddPortalCompression();
builder.Services.AddPortalLocalization();
builder.Services.AddPortalMvc();
builder.Services.AddPortalFeatures();
builder.Services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database");

var app = builder.Build();

await app.MigrateAndSeedDatabaseAsync();

app.UsePortalErrorPages();
app.UsePortalRequestLogging();
app.UseResponseCompression();
app.UseRequestLocalization();
app.MapStaticAssets();
app.MapHealthChecks("/health");
app.MapControllers().WithStaticAssets();

await app.RunAsync();

/// <summary>Entry point; public so that WebApplicationFactory can start the app in tests.</summary>
public partial class Program;
