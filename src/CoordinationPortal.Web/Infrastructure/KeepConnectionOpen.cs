using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// A context keeps its connection from its first query until it is disposed (the end of the request
/// or job), instead of taking it from the pool and giving it back around every query: a page of 15
/// queries went through the pool's lock 30 times, and under load that lock was where requests
/// waited most. An open connection outside a transaction holds no lock on the database (WAL), and
/// disposing the context returns it to the pool as before.
/// </summary>
public sealed class KeepConnectionOpen : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(InterceptionResult.Suppress());
}
