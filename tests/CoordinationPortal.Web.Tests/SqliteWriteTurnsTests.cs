using System.Collections.Concurrent;
using CoordinationPortal.Data;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Saves that meet another save's write transaction wait their turn in the order they came (ADR
/// 0067), and a transaction that ends in any way (commit, rollback, disposed after a refusal) lets
/// the next one go at once: nobody's save waits behind one that is over.
/// </summary>
public sealed class SqliteWriteTurnsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Saves_waiting_for_another_write_go_in_the_order_they_came_once_it_commits()
    {
        await using var factory = new PortalFactory();
        var turns = factory.Services.GetRequiredService<SqliteWriteTurns>();
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("CREATE TABLE Arrivals (Officer INTEGER NOT NULL)", Ct));

        await using var first = factory.Services.CreateAsyncScope();
        var holder = first.ServiceProvider.GetRequiredService<PortalDbContext>();
        var open = await holder.Database.BeginTransactionAsync(Ct);

        // Five saves arrive one after another while the first transaction is open.
        var saves = new List<Task>();
        for (var officer = 1; officer <= 5; officer++)
        {
            var n = officer;
            saves.Add(factory.WithDbAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(Ct);
                await db.Database.ExecuteSqlAsync($"INSERT INTO Arrivals (Officer) VALUES ({n})", Ct);
                await transaction.CommitAsync(Ct);
                return n;
            }));
            await WaitUntilAsync(() => turns.Waiting == n);
        }

        await Task.Delay(200, Ct);
        Assert.All(saves, save => Assert.False(save.IsCompleted, "a save went ahead of the open transaction"));

        await open.CommitAsync(Ct);
        await open.DisposeAsync();
        await Task.WhenAll(saves).WaitAsync(TimeSpan.FromSeconds(20), Ct);

        var order = await factory.WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT Officer AS Value FROM Arrivals ORDER BY rowid").ToListAsync(Ct));
        Assert.Equal([1, 2, 3, 4, 5], order);
        Assert.Equal(0, turns.Waiting);
    }

    [Theory]
    [InlineData("rolled back")]
    [InlineData("disposed without commit")]
    public async Task A_transaction_that_ends_without_a_commit_lets_the_next_save_go_at_once(string ending)
    {
        await using var factory = new PortalFactory();
        var turns = factory.Services.GetRequiredService<SqliteWriteTurns>();

        await using var first = factory.Services.CreateAsyncScope();
        var holder = first.ServiceProvider.GetRequiredService<PortalDbContext>();
        var open = await holder.Database.BeginTransactionAsync(Ct);
        await holder.Database.ExecuteSqlRawAsync("UPDATE Provinces SET Name = 'never kept' WHERE Id = (SELECT min(Id) FROM Provinces)", Ct);

        var next = factory.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var changed = await db.Database.ExecuteSqlRawAsync("UPDATE Provinces SET Code = Code WHERE Id = (SELECT min(Id) FROM Provinces)", Ct);
            await transaction.CommitAsync(Ct);
            return changed;
        });
        await WaitUntilAsync(() => turns.Waiting == 1);

        if (ending == "rolled back")
        {
            await open.RollbackAsync(Ct);
        }

        await open.DisposeAsync(); // a refusal's path: the transaction is disposed, no commit

        // Well inside the 30 s a forgotten turn would keep the next save waiting.
        Assert.Equal(1, await next.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        Assert.DoesNotContain("never kept", await factory.WithDbAsync(db => db.Provinces.Select(p => p.Name).ToListAsync(Ct)));

        // And the turn is free for the holder's context too, which goes on with its request.
        var again = Task.Run(async () =>
        {
            await using var transaction = await holder.Database.BeginTransactionAsync(Ct);
            await holder.Database.ExecuteSqlRawAsync("UPDATE Provinces SET Code = Code WHERE Id = (SELECT min(Id) FROM Provinces)", Ct);
            await transaction.CommitAsync(Ct);
        }, Ct);
        await again.WaitAsync(TimeSpan.FromSeconds(5), Ct);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25, Ct);
        }

        Assert.True(condition(), "the saves did not queue up");
    }
}
