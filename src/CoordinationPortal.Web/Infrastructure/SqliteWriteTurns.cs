using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// This process's write transactions on SQLite take turns in a queue, first come first served,
/// before they ask SQLite for its one write lock (ADR 0067). SQLite's own wait (busy_timeout) is a
/// sleep that grows to 100 ms between tries and serves no one in order: with twenty officers saving
/// at once, an unlucky save lost the race several times and waited half a second while others went
/// through. In the queue a waiting save holds no thread and starts the moment the one before it
/// commits. SQLite's wait stays for what is outside the queue: another process (a backup, a second
/// node on the same file) and writes that are one statement without a transaction.
/// </summary>
public sealed class SqliteWriteTurns : DbTransactionInterceptor, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly string DisposedEvent = RelationalEventId.TransactionDisposed.Name!;

    private readonly SemaphoreSlim _turn = new(1, 1);

    // The transaction holding the turn. It ends by commit, rollback or, on a refusal or an error
    // (a failed commit included), by being disposed; whichever comes first gives the turn back, once.
    private readonly ConditionalWeakTable<DbTransaction, object> _holder = [];

    private readonly List<IDisposable> _subscriptions = [];

    public SqliteWriteTurns()
    {
        // EF Core reports a disposed transaction only as a diagnostic event, not to interceptors.
        var all = DiagnosticListener.AllListeners.Subscribe(this);
        lock (_subscriptions)
        {
            _subscriptions.Add(all);
        }
    }

    private int _waiting;

    /// <summary>How many transactions of this process wait for their turn now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (result.HasResult || connection is not SqliteConnection sqlite)
        {
            return result;
        }

        Interlocked.Increment(ref _waiting);
        bool entered;
        try
        {
            entered = _turn.Wait(Patience(sqlite));
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return InterceptionResult<DbTransaction>.SuppressWithResult(Begin(sqlite, eventData.IsolationLevel, entered));
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (result.HasResult || connection is not SqliteConnection sqlite)
        {
            return result;
        }

        Interlocked.Increment(ref _waiting);
        bool entered;
        try
        {
            entered = await _turn.WaitAsync(Patience(sqlite), cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return InterceptionResult<DbTransaction>.SuppressWithResult(Begin(sqlite, eventData.IsolationLevel, entered));
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(transaction);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(transaction);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(transaction);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(transaction);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }

            _subscriptions.Clear();
        }
    }

    // The wait for a turn is as long as SQLite's own would be (the connection's command timeout), and
    // ends the same way, as "database is locked", which the error page explains (StorageFailure.Busy).
    private static TimeSpan Patience(SqliteConnection connection) =>
        connection.DefaultTimeout > 0 ? TimeSpan.FromSeconds(connection.DefaultTimeout) : Timeout.InfiniteTimeSpan;

    /// <summary>Begins the transaction on the turn just taken (<paramref name="entered"/>), or says the database is locked.</summary>
    private DbTransaction Begin(SqliteConnection connection, IsolationLevel isolationLevel, bool entered)
    {
        if (!entered)
        {
            throw new SqliteException($"database is locked: no turn to write within {connection.DefaultTimeout} s", 5 /* SQLITE_BUSY */);
        }

        DbTransaction transaction;
        try
        {
            // Synchronous in Microsoft.Data.Sqlite either way; BEGIN IMMEDIATE takes SQLite's lock now.
            transaction = connection.BeginTransaction(isolationLevel);
        }
        catch
        {
            _turn.Release();
            throw;
        }

        _holder.Add(transaction, this);
        return transaction;
    }

    private void Leave(DbTransaction? transaction)
    {
        if (transaction is not null && _holder.Remove(transaction))
        {
            _turn.Release();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this, name => name == DisposedEvent));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is TransactionEventData disposed)
        {
            Leave(disposed.Transaction);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}
