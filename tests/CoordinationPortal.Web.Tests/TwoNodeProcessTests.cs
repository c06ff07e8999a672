using System.Net;
using CoordinationPortal.Data.Email;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Two nodes as an operator runs them (README "Scaling out"): two <c>dotnet CoordinationPortal.Web.dll</c>
/// processes in Production, each on its own HTTPS port and its own data folder, sharing one database
/// file, one evidence folder, the keys in the database (one certificate) and one redis-server. One
/// browser (one cookie jar, one host name) is sent to either node, as by a load balancer without
/// sticky sessions. Both processes start once for the class (<see cref="TwoNodeProcesses"/>).
/// </summary>
public sealed class TwoNodeProcessTests(TwoNodeProcesses nodes, ITestOutputHelper output) : IClassFixture<TwoNodeProcesses>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_signed_in_on_node_A_is_signed_in_on_node_B_and_signing_out_on_B_ends_the_session_on_A()
    {
        nodes.Require();
        var browser = new CookieContainer();
        using var onA = nodes.A.Client(browser);
        using var onB = nodes.B.Client(browser);

        using var signedIn = await PortalFactory.SignInAsync(onA, nodes.Officer.Email, nodes.Officer.Password);
        Assert.Equal("/", PortalFactory.LandedOn(signedIn));

        var home = await onB.GetDocumentAsync("/");
        Assert.Contains("CentralVwu Test", home.Body!.Text(), StringComparison.Ordinal);

        // The cookie as it was, kept by someone who copied it before the person signed out on B.
        var copied = new CookieContainer();
        copied.Add(browser.GetCookies(new Uri($"https://{PortalProcess.HostName}")));
        using var signedOut = await onB.PostFormAsync("/account/sign-out", home, []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        using var replayed = nodes.A.Client(copied);
        using var refused = await replayed.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/sign-in", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_posted_to_node_A_is_on_node_Bs_next_dashboard_which_B_had_cached_in_Redis()
    {
        nodes.Require();
        var browser = new CookieContainer();
        using var onA = nodes.A.Client(browser);
        using var onB = nodes.B.Client(browser);
        using var signedIn = await PortalFactory.SignInAsync(onA, nodes.Officer.Email, nodes.Officer.Password);
        Assert.Equal("/", PortalFactory.LandedOn(signedIn));

        Assert.Empty(DelayedWords(await onB.GetDocumentAsync("/dashboard")));
        Assert.Contains(await nodes.RedisKeysAsync(), key => key.StartsWith("CoordinationPortal:", StringComparison.Ordinal));
        Assert.Empty(DelayedWords(await onB.GetDocumentAsync("/dashboard"))); // B's second look: the cached copy

        // The form comes from B and is posted to A: the antiforgery keys are shared too.
        var path = $"/activities/{nodes.ActivityId}/progress/new";
        var form = await onB.GetDocumentAsync(path);
        using var added = await onA.PostFormAsync(path, form, new()
        {
            ["ReportedOn"] = "15/10/2024",
            ["Status"] = "Delayed",
            ["PercentComplete"] = "30",
            ["Done"] = "Chậm do bão, ghi trên nút A.",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        Assert.NotEmpty(DelayedWords(await onB.GetDocumentAsync("/dashboard")));
        var activity = await onB.GetDocumentAsync($"/activities/{nodes.ActivityId}");
        Assert.Contains("Chậm do bão, ghi trên nút A.", activity.QuerySelector(".journal-entry")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_evidence_file_uploaded_to_node_A_is_downloaded_from_node_B_through_the_shared_folder()
    {
        nodes.Require();
        var browser = new CookieContainer();
        using var onA = nodes.A.Client(browser);
        using var onB = nodes.B.Client(browser);
        using var signedIn = await PortalFactory.SignInAsync(onA, nodes.Officer.Email, nodes.Officer.Password);
        Assert.Equal("/", PortalFactory.LandedOn(signedIn));
        var content = "%PDF-1.4\n% biên bản họp hai nút\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();

        var path = $"/activities/{nodes.EvidenceActivityId}/progress/new";
        var page = await onA.GetDocumentAsync(path);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
            { new StringContent("12/06/2024"), "ReportedOn" },
            { new StringContent("OnTrack"), "Status" },
            { new StringContent("50"), "PercentComplete" },
            { new StringContent("Biên bản tải lên nút A."), "Done" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/pdf");
        form.Add(file, "Files", "bien-ban-hai-nut.pdf");
        using var uploaded = await onA.PostAsync(new Uri(path, UriKind.Relative), form, Ct);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);

        var activity = await onB.GetDocumentAsync($"/activities/{nodes.EvidenceActivityId}");
        var link = activity.QuerySelectorAll(".journal-entry a[href^='/files/']").SingleOrDefault(a => a.Text().Contains("bien-ban-hai-nut.pdf", StringComparison.Ordinal));
        Assert.NotNull(link);
        using var download = await onB.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Queued_emails_are_each_sent_once_while_both_nodes_run_their_senders()
    {
        nodes.Require();
        const int count = 30;
        var batch = Guid.NewGuid().ToString("N")[..8];
        await nodes.Database.WithDbAsync(db =>
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < count; i++)
            {
                db.OutboxMessages.Add(new OutboxMessage($"two-nodes:{batch}:{i}", $"officer{i}@test.local", null, "vi", $"Thư {batch} số {i}", "Nội dung.", "<p>Nội dung.</p>", now));
            }

            return db.SaveChangesAsync(Ct);
        });

        // Both nodes poll every 100 ms, so their passes overlap on the same due messages.
        var until = DateTime.UtcNow.AddSeconds(30);
        while (await nodes.Database.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.IdempotencyKey.StartsWith($"two-nodes:{batch}:") && m.SentAtUtc == null, Ct)) > 0)
        {
            Assert.True(DateTime.UtcNow < until, "the nodes did not send the queued e-mails within 30 s");
            await Task.Delay(100, Ct);
        }

        await Task.Delay(1000, Ct); // several more passes of both nodes: a second copy would arrive now
        var subjects = nodes.Smtp.Received().Select(m => m.Subject ?? string.Empty).Where(s => s.StartsWith($"Thư {batch} ", StringComparison.Ordinal)).ToList();
        Assert.Equal(count, subjects.Count);
        Assert.Equal(count, subjects.Distinct().Count());
    }

    public void Dispose()
    {
        // Shown with a failure: what each node logged (warnings and errors).
        output.WriteLine($"Start-up: {nodes.Timings}");
        output.WriteLine($"--- node A (pid {nodes.A?.ProcessId}) ---\n{nodes.A?.Output}\n--- node B (pid {nodes.B?.ProcessId}) ---\n{nodes.B?.Output}");
    }

    private static AngleSharp.Dom.IElement[] DelayedWords(AngleSharp.Dom.IDocument dashboard) =>
        [.. dashboard.QuerySelectorAll("tr[data-activity-number='3'] [data-word-status='Delayed']")];
}

/// <summary>
/// The two node processes and what they share, started once for <see cref="TwoNodeProcessTests"/>:
/// a folder with the database file and the evidence folder, a redis-server, an SMTP catcher, and a
/// data folder per node. The database is made (migrated, seeded, one officer) by an in-process
/// portal on the shared folder, which the tests then use to read and queue rows.
/// </summary>
public sealed class TwoNodeProcesses : IAsyncLifetime
{
    private readonly string _root = PortalFactory.NewDataDirectory();
    private RedisServer? _redis;
    private PortalFactory? _database;
    private PortalProcess? _a;
    private PortalProcess? _b;

    public PortalProcess A => _a!;

    public PortalProcess B => _b!;

    /// <summary>The shared database, through an in-process portal that runs no background work.</summary>
    public PortalFactory Database => _database!;

    public SmtpCatcher Smtp { get; } = new();

    public TestAccount Officer { get; private set; } = null!;

    public int ActivityId { get; private set; }

    /// <summary>Another activity, for the evidence test, so that the dashboard test's activity stays as it expects.</summary>
    public int EvidenceActivityId { get; private set; }

    /// <summary>How long each step of the start took (the class must stay well under a minute).</summary>
    public string Timings { get; private set; } = string.Empty;

    /// <summary>Skips (or under REQUIRE_REDIS=1 fails) the test when redis-server is not installed.</summary>
    public void Require()
    {
        RedisServer.RequireInstalled();
        Assert.True(_a is not null && _b is not null, "the two nodes did not start");
    }

    public async Task<List<string>> RedisKeysAsync()
    {
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_redis!.Configuration);
        return [.. connection.GetServer(_redis.Configuration).Keys(pattern: "*").Select(k => k.ToString())];
    }

    public async ValueTask InitializeAsync()
    {
        if (!RedisServer.IsInstalled)
        {
            return; // each test skips or fails in Require()
        }

        var ct = TestContext.Current.CancellationToken;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var shared = Directory.CreateDirectory(Path.Combine(_root, "shared")).FullName;
        _redis = await RedisServer.StartAsync();
        Smtp.Start();

        _database = new PortalFactory(shared);
        _database.Settings["DataProtection:Store"] = "Database";
        Officer = await _database.AccountAsync(Persona.CentralVwu);
        ActivityId = await _database.ActivityIdAsync(3);
        EvidenceActivityId = await _database.ActivityIdAsync(1);
        var prepared = clock.Elapsed;

        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(shared, "portal.db")}",
            ["Files__Root"] = Path.Combine(shared, "files"),
            ["DataProtection__Store"] = "Database",
            ["Redis__Configuration"] = _redis.Configuration,
            ["Email__Host"] = "127.0.0.1",
            ["Email__Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email__TlsMode"] = "None",
            ["Email__SenderAddress"] = "portal@portal.test",
            ["Email__PortalBaseAddress"] = $"https://{PortalProcess.HostName}",
            ["Email__PollInterval"] = "00:00:00.100",
        };
        var starting = new[]
        {
            PortalProcess.StartAsync("A", Path.Combine(_root, "node-a"), environment, ct),
            PortalProcess.StartAsync("B", Path.Combine(_root, "node-b"), environment, ct),
        };
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            // A node that started while the other failed is kept for DisposeAsync to stop.
            _a = starting[0].IsCompletedSuccessfully ? starting[0].Result : null;
            _b = starting[1].IsCompletedSuccessfully ? starting[1].Result : null;
            Timings = $"redis-server and database {prepared.TotalSeconds:0.0} s, both nodes ready {clock.Elapsed.TotalSeconds:0.0} s";
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in new[] { _a, _b })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        Smtp.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
