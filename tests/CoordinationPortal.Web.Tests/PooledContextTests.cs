using System.Data;
using CoordinationPortal.Data;
using CoordinationPortal.Data.Auditing;
using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The app rents its database contexts from a pool (ADR 0059): one instance serves one request after
/// another, so nothing of one request may reach the next: not whose name its changes are recorded
/// under, not its database connection.
/// </summary>
public sealed class PooledContextTests
{
    /// <summary>Who a scope acts for, set by the test before the scope's context is taken.</summary>
    private sealed class ScopeActor : IAuditContext
    {
        public string? UserId { get; set; }

        public string? UserName { get; set; }

        public string? IpAddress => null;
    }

    private static PortalFactory ActorFactory() => new()
    {
        ConfigureServices = services =>
        {
            services.AddScoped<ScopeActor>();
            services.AddScoped<IAuditContext>(provider => provider.GetRequiredService<ScopeActor>());
        },
    };

    private static Agency NewAgency(string code) =>
        new(code, new AgencyName(null, "Cơ quan " + code, code, code, "Agency " + code, "Chi nhánh " + code, "Branch " + code));

    [Fact]
    public async Task Two_scopes_served_by_the_same_pooled_context_record_their_changes_under_their_own_names()
    {
        await using var factory = ActorFactory();
        var ct = TestContext.Current.CancellationToken;

        Guid instance;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ScopeActor>().UserName = "officer-a@test";
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            instance = db.ContextId.InstanceId;
            db.Agencies.Add(NewAgency("POOLA"));
            await db.SaveChangesAsync(ct);
        }

        // The pool hands its instances out in turn: rent until the first one comes back.
        var served = false;
        for (var attempt = 0; attempt < 50 && !served; attempt++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ScopeActor>().UserName = "officer-b@test";
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            if (db.ContextId.InstanceId == instance)
            {
                Assert.True(db.ContextId.Lease > 1, "the instance is rented again, not built again");
                db.Agencies.Add(NewAgency("POOLB"));
                await db.SaveChangesAsync(ct);
                served = true;
            }
        }

        Assert.True(served, "a second scope was served by the first scope's context instance");
        var recorded = await factory.WithDbAsync(async db =>
        {
            var ids = await db.Agencies.Where(a => a.Code == "POOLA" || a.Code == "POOLB").ToDictionaryAsync(a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a => a.Code, ct);
            var entries = await db.AuditEntries.Where(e => e.EntityType == nameof(Agency) && e.Action == CoordinationPortal.Domain.Auditing.AuditAction.Created).ToListAsync(ct);
            return entries.Where(e => e.EntityId is not null && ids.ContainsKey(e.EntityId)).ToDictionary(e => ids[e.EntityId!], e => e.UserName);
        });
        Assert.Equal("officer-a@test", recorded["POOLA"]);
        Assert.Equal("officer-b@test", recorded["POOLB"]);
    }

    [Fact]
    public async Task A_context_gives_its_database_connection_back_when_its_request_ends()
    {
        await using var factory = new PortalFactory();
        var ct = TestContext.Current.CancellationToken;

        System.Data.Common.DbConnection connection;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            _ = await db.Agencies.CountAsync(ct);
            connection = db.Database.GetDbConnection();
            Assert.Equal(ConnectionState.Open, connection.State); // kept open for the request (KeepConnectionOpen)
        }

        // An idle pooled context must not hold a connection: on SQL Server that would empty the connection pool.
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public async Task A_change_one_request_rolled_back_does_not_empty_the_dashboard_cache_when_its_context_next_saves()
    {
        var counter = new CommandCounter();
        await using var factory = new PortalFactory { ConfigureServices = services => services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(counter) };
        var ct = TestContext.Current.CancellationToken;
        var planId = await factory.WithDbAsync(db => db.Plans.Where(p => p.Number == Scenario.Plan468).Select(p => p.Id).SingleAsync(ct));
        var leadership = await factory.SignedInClientAsync(Persona.Leadership);
        await leadership.GetDocumentAsync($"/dashboard?planId={planId}");

        // A request changes a record the dashboard shows inside its transaction, then gives up: nothing changed.
        Guid instance;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            instance = db.ContextId.InstanceId;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Agencies.Add(NewAgency("POOLX"));
            await db.SaveChangesAsync(ct);
        }

        // A later request served by the same instance saves something the dashboard does not show.
        var served = false;
        for (var attempt = 0; attempt < 50 && !served; attempt++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            if (db.ContextId.InstanceId == instance)
            {
                db.RecordEvent(CoordinationPortal.Domain.Auditing.AuditAction.SignInFailed, "Account", null, null, "someone@test");
                await db.SaveChangesAsync(ct);
                served = true;
            }
        }

        Assert.True(served, "a second scope was served by the first scope's context instance");
        Assert.False(await factory.WithDbAsync(db => db.Agencies.AnyAsync(a => a.Code == "POOLX", ct)));
        counter.Reset();
        await leadership.GetDocumentAsync($"/dashboard?planId={planId}");
        Assert.True(counter.Count <= 3, $"the dashboard was computed again ({counter.Count} commands) though nothing it shows changed");
    }
}
