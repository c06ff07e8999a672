using System.Data.Common;
using AngleSharp.Dom;
using CoordinationPortal.Data.Notifications;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The bell's count is kept per account between pages (ADR 0063): it is read from the database once,
/// and again only after that account's notifications change, by any write path (a new notification,
/// one opened, all marked read); another account's notifications leave it alone.
/// </summary>
public sealed class BellCountTests : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly CountReads _reads = new();
    private readonly PortalFactory _factory;

    public BellCountTests() =>
        _factory = new PortalFactory { ConfigureServices = services => services.AddSingleton<IInterceptor>(_reads) };

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static int Bell(IDocument page) => int.Parse(page.QuerySelector("header .portal-bell")!.GetAttribute("data-unread")!, System.Globalization.CultureInfo.InvariantCulture);

    private Task<int> NotifyAsync(string userId) => _factory.WithDbAsync(db =>
    {
        db.Notifications.Add(Notification.WithLink(userId, NotificationKind.ReportSubmitted, "/reports", ["Hà Giang", "VWU", "2", "2024", ""], DateTime.UtcNow));
        return db.SaveChangesAsync(Ct);
    });

    [Fact]
    public async Task The_bell_is_counted_once_and_again_only_after_the_accounts_own_notifications_change()
    {
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var me = (await _factory.AccountAsync(Persona.CentralVwu)).Id;
        var other = (await _factory.AccountAsync(Persona.CentralCema)).Id;

        await central.GetDocumentAsync("/");
        _reads.Reset();
        Assert.Equal(0, Bell(await central.GetDocumentAsync("/")));
        Assert.Equal(0, _reads.Count);

        await NotifyAsync(me);
        await NotifyAsync(me);
        _reads.Reset();
        Assert.Equal(2, Bell(await central.GetDocumentAsync("/")));
        Assert.Equal(1, _reads.Count);

        await NotifyAsync(other);
        _reads.Reset();
        Assert.Equal(2, Bell(await central.GetDocumentAsync("/")));
        Assert.Equal(0, _reads.Count);

        // Opening one marks it read (the tracked save), then "mark all" (one statement).
        var id = await _factory.WithDbAsync(db => db.Notifications.Where(n => n.UserId == me).Select(n => n.Id).FirstAsync(Ct));
        using (await central.GetAsync($"/notifications/{id}", Ct)) { }
        Assert.Equal(1, Bell(await central.GetDocumentAsync("/")));

        var page = await central.GetDocumentAsync("/notifications");
        using (await central.PostFormAsync("/notifications/read-all", page, [])) { }
        Assert.Equal(0, Bell(await central.GetDocumentAsync("/")));
    }

    /// <summary>Counts the commands that count an account's unread notifications.</summary>
    private sealed class CountReads : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Note(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Note(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Note(DbCommand command)
        {
            if (command.CommandText.Contains("COUNT(*)", StringComparison.Ordinal) && command.CommandText.Contains("FROM \"Notifications\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
