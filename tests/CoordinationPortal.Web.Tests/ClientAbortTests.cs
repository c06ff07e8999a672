using System.Net;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// A person who closes the tab mid-request (or a load balancer that gives up) is not a failure of
/// the portal: the operator's log must not fill with 500 errors for it, and real errors must still be errors.
/// </summary>
public sealed class ClientAbortTests : IAsyncDisposable
{
    private readonly PortalFactory _portal = new()
    {
        // The request log's own lines (information for a 499), which tests otherwise leave out.
        Settings = { ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Information" },
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_client_that_goes_away_while_sending_a_form_is_logged_as_closed_not_as_a_server_error()
    {
        using var client = _portal.NewClient();
        using var page = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // A form whose body stops half-way: the server is waiting for the rest when the client leaves.
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var form = new StalledForm();
        var sending = client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), form, leaving.Token);
        await form.Started.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        // The request log line is written when the request ends on the server.
        var logged = await WaitForLogAsync(line => line.Contains("HTTP POST /account/sign-in responded", StringComparison.Ordinal));
        // 499 when the server saw the client leave; 400 when it saw the body end short first (timing).
        Assert.Contains(logged, line => line.Contains("[INF] HTTP POST /account/sign-in responded 499", StringComparison.Ordinal)
            || line.Contains("[INF] HTTP POST /account/sign-in responded 400", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, line => line.Contains("[ERR]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_error_is_still_logged_as_an_error()
    {
        // Counter-check of the test above: the same log does show errors when the portal fails.
        using var client = await _portal.SignedInClientAsync(Persona.Leadership);
        // A table the dashboard reads goes missing: the page fails, the error page still renders.
        await _portal.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE Indicators RENAME TO IndicatorsGone", Ct));
        using var response = await client.GetAsync(new Uri("/dashboard", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var logged = await WaitForLogAsync(line => line.Contains("[ERR]", StringComparison.Ordinal));
        Assert.NotEmpty(logged);
    }

    private async Task<List<string>> WaitForLogAsync(Func<string, bool> wanted)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var lines = PortalLogs.Read(_portal.DataDirectory);
            if (lines.Exists(line => wanted(line)))
            {
                return lines;
            }

            await Task.Delay(100, Ct);
        }

        return [];
    }

    /// <summary>A form body that sends its first bytes and then never the rest.</summary>
    private sealed class StalledForm : HttpContent
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        public StalledForm()
        {
            Headers.ContentType = new("application/x-www-form-urlencoded");
            Headers.ContentLength = 10_000;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync("Email=someone%40example.org&Pass"u8.ToArray(), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            _started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 10_000;
            return true;
        }
    }
}
