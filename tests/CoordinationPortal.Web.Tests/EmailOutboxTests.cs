using System.Net;
using System.Net.Sockets;
using System.Text;
using CoordinationPortal.Data;
using CoordinationPortal.Data.Email;
using CoordinationPortal.Web.Infrastructure.Email;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Moq;
using netDumbster.smtp;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The e-mail outbox against a real SMTP server in the test process (netDumbster) and the real
/// SQLite database (ADR 0040): queued with the change, sent once, retried with backoff, never twice
/// from two senders, and nothing at all when e-mail is off.
/// </summary>
public sealed class EmailOutboxTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly PortalFactory _factory = new();
    private readonly SmtpCatcher _smtp = new();

    public EmailOutboxTests()
    {
        // The tests drive the sender themselves, pass by pass, with the clock they control.
        _smtp.Configure(_factory);
        _factory.Settings["Email:Password"] = "smtp-secret-from-environment";
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _smtp.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task A_queued_email_is_stored_only_with_its_change_and_arrives_once_with_subject_text_and_html()
    {
        _smtp.Start();
        var key = "report-returned:42:1:user-7";

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
            Assert.True(await outbox.EnqueueAsync(db, Email(key, outbox.LinkTo("/reports/42")), Cancel));
            Assert.False(await outbox.EnqueueAsync(db, Email(key), Cancel)); // the same event twice in one action

            // Queued, not saved: until the change is saved nobody else sees the e-mail.
            Assert.Equal(0, await _factory.WithDbAsync(other => other.OutboxMessages.CountAsync(Cancel)));
            await db.SaveChangesAsync(Cancel);
        }

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            // An action that fails (never saved) leaves no e-mail behind.
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
            Assert.True(await outbox.EnqueueAsync(db, Email("never-saved"), Cancel));
        }

        // The same event again later (a repeated request) is a no-op.
        Assert.False(await EnqueueAndSaveAsync(Email(key)));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.OutboxMessages.CountAsync(Cancel)));

        var sender = _factory.Services.GetRequiredService<OutboxSender>();
        Assert.Equal(1, await sender.SendDueAsync(Cancel));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await sender.SendDueAsync(Cancel));

        var received = Assert.Single(Received());
        Assert.Equal("Báo cáo quý I/2026 bị trả lại", received.Subject);
        Assert.Equal("nguoi.nhan@tinh.gov.vn", Assert.Single(received.To.Mailboxes).Address);
        Assert.Equal("portal@portal.test", Assert.Single(received.From.Mailboxes).Address);
        Assert.Contains("Ý kiến: bổ sung số liệu", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://portal.test/reports/42", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Ý kiến: <strong>bổ sung số liệu</strong></p>", received.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(OutboxSender.MessageIdFor(key, "portal.test"), received.MessageId);
        Assert.Equal("auto-generated", received.Headers["Auto-Submitted"]);

        var stored = await _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(Cancel));
        Assert.Equal(new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc), stored.SentAtUtc);
        Assert.Equal(1, stored.Attempts);
        Assert.Null(stored.ClaimedBy);

        // What an administrator's page will show: on, which server, never the password.
        var status = _factory.Services.GetRequiredService<EmailStatus>();
        Assert.True(status.IsEnabled);
        Assert.Equal("127.0.0.1", status.Host);
        Assert.DoesNotContain("smtp-secret", status.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_mail_server_is_down_messages_wait_with_the_error_and_once_it_is_up_each_arrives_exactly_once()
    {
        for (var i = 1; i <= 3; i++)
        {
            Assert.True(await EnqueueAndSaveAsync(Email($"deadline:2026-Q1:{i}")));
        }

        var sender = _factory.Services.GetRequiredService<OutboxSender>();
        Assert.Equal(0, await sender.SendDueAsync(Cancel)); // nothing listens on the port
        var waiting = await StoredAsync();
        Assert.All(waiting, m =>
        {
            Assert.Null(m.SentAtUtc);
            Assert.Equal(1, m.Attempts);
            Assert.False(string.IsNullOrEmpty(m.LastError));
            Assert.Equal(_clock.GetUtcNow().UtcDateTime.AddMinutes(1), m.NextAttemptAtUtc);
        });

        // The server comes back, but the backoff is respected: no try before the minute is up.
        _smtp.Start();
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await sender.SendDueAsync(Cancel));
        Assert.Empty(Received());

        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(3, await sender.SendDueAsync(Cancel));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await sender.SendDueAsync(Cancel));

        var ids = Received().Select(m => m.MessageId).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(3, ids.Distinct().Count());
        Assert.All(await StoredAsync(), m =>
        {
            Assert.NotNull(m.SentAtUtc);
            Assert.Equal(2, m.Attempts);
            Assert.Null(m.LastError);
        });
    }

    [Fact]
    public async Task A_transport_failing_on_cue_is_retried_after_1_then_2_minutes_with_each_error_recorded_and_the_same_message_id()
    {
        var messageIds = new List<string>();
        var transport = new Mock<IMailTransport>(MockBehavior.Strict);
        transport.SetupSequence(t => t.SendAsync(It.IsAny<MimeMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("451 4.3.0 Mail server temporarily rejected message"))
            .ThrowsAsync(new TimeoutException("The operation has timed out"))
            .Returns(Task.CompletedTask);
        var sender = SenderWith(new RecordingTransport(transport.Object, messageIds));

        Assert.True(await EnqueueAndSaveAsync(Email("report-submitted:9:2:user-1")));
        var start = _clock.GetUtcNow().UtcDateTime;

        Assert.Equal(0, await sender.SendDueAsync(Cancel));
        var first = Assert.Single(await StoredAsync());
        Assert.Equal(1, first.Attempts);
        Assert.Contains("451 4.3.0", first.LastError, StringComparison.Ordinal);
        Assert.Equal(start.AddMinutes(1), first.NextAttemptAtUtc);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await sender.SendDueAsync(Cancel));
        var second = Assert.Single(await StoredAsync());
        Assert.Equal(2, second.Attempts);
        Assert.Contains("timed out", second.LastError, StringComparison.Ordinal);
        Assert.Equal(start.AddMinutes(1 + 2), second.NextAttemptAtUtc);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await sender.SendDueAsync(Cancel)); // still waiting: the second wait is two minutes
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await sender.SendDueAsync(Cancel));

        var sent = Assert.Single(await StoredAsync());
        Assert.Equal(3, sent.Attempts);
        Assert.Null(sent.LastError);
        Assert.Equal(start.AddMinutes(3), sent.SentAtUtc);
        Assert.Equal(3, messageIds.Count);
        Assert.Single(messageIds.Distinct()); // every try is the same message to a receiver
    }

    [Fact]
    public async Task Two_senders_sharing_one_database_send_each_message_once()
    {
        _smtp.Start();
        for (var i = 1; i <= 12; i++)
        {
            Assert.True(await EnqueueAndSaveAsync(Email($"digest:2026-W10:user-{i}")));
        }

        var one = SenderWith(new SmtpMailTransportFor(_factory));
        var two = SenderWith(new SmtpMailTransportFor(_factory));
        var counts = await Task.WhenAll(
            Task.Run(() => one.SendDueAsync(Cancel), Cancel),
            Task.Run(() => two.SendDueAsync(Cancel), Cancel));

        Assert.Equal(12, counts.Sum());
        var ids = Received().Select(m => m.MessageId).ToList();
        Assert.Equal(12, ids.Count);
        Assert.Equal(12, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_message_claimed_by_one_sender_is_left_alone_by_the_other_while_the_first_is_sending()
    {
        _smtp.Start();
        Assert.True(await EnqueueAndSaveAsync(Email("report-approved:5:1:user-3")));
        var other = SenderWith(new SmtpMailTransportFor(_factory));
        var otherSent = -1;

        // The first sender is mid-conversation with the server when the second one runs a whole pass.
        var slow = new Mock<IMailTransport>();
        slow.Setup(t => t.SendAsync(It.IsAny<MimeMessage>(), It.IsAny<CancellationToken>()))
            .Returns<MimeMessage, CancellationToken>(async (message, token) =>
            {
                otherSent = await other.SendDueAsync(token);
                await new SmtpMailTransportFor(_factory).SendAsync(message, token);
            });
        var first = SenderWith(slow.Object);

        Assert.Equal(1, await first.SendDueAsync(Cancel));
        Assert.Equal(0, otherSent);
        Assert.Single(Received());
    }

    [Fact]
    public async Task A_crash_after_the_server_took_a_message_but_before_it_was_marked_resends_it_only_after_the_lease_and_with_the_same_message_id()
    {
        _smtp.Start();
        var key = "report-reopened:8:2:user-4";
        Assert.True(await EnqueueAndSaveAsync(Email(key)));

        // The process dies right after the server accepted the message: the pass is cut off, nothing is marked.
        using var crash = new CancellationTokenSource();
        var dying = new Mock<IMailTransport>();
        dying.Setup(t => t.SendAsync(It.IsAny<MimeMessage>(), It.IsAny<CancellationToken>()))
            .Returns<MimeMessage, CancellationToken>(async (message, token) =>
            {
                await new SmtpMailTransportFor(_factory).SendAsync(message, token);
                await crash.CancelAsync();
                crash.Token.ThrowIfCancellationRequested();
            });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SenderWith(dying.Object).SendDueAsync(crash.Token));
        Assert.Single(Received());
        Assert.Null(Assert.Single(await StoredAsync()).SentAtUtc);

        // Restarted at once: the dead sender's claim still holds, so no second copy goes out.
        var restarted = SenderWith(new SmtpMailTransportFor(_factory));
        Assert.Equal(0, await restarted.SendDueAsync(Cancel));
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, await restarted.SendDueAsync(Cancel));
        Assert.Single(Received());

        // SMTP cannot say whether the server kept it, so after the lease it is sent again (at least once,
        // ADR 0040) with the same Message-Id: the receiving system drops the copy.
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await restarted.SendDueAsync(Cancel));
        var copies = Received();
        Assert.Equal(2, copies.Count);
        Assert.All(copies, m => Assert.Equal(OutboxSender.MessageIdFor(key, "portal.test"), m.MessageId));
        Assert.NotNull(Assert.Single(await StoredAsync()).SentAtUtc);
    }

    [Fact]
    public async Task The_running_app_sends_a_queued_email_on_its_own_at_the_next_poll()
    {
        _smtp.Start();
        _factory.Settings["Email:BackgroundSending"] = "true";
        _factory.Settings["Email:PollInterval"] = "00:00:10";
        Assert.True(await EnqueueAndSaveAsync(Email("report-submitted:3:1:user-9")));

        // The app's clock moves the loop on; the test waits (real time) for the server to see the mail.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_smtp.Count == 0 && DateTime.UtcNow < deadline)
        {
            _clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(100, Cancel);
        }

        Assert.Single(Received());
        Assert.NotNull(Assert.Single(await StoredAsync()).SentAtUtc);
    }

    [Fact]
    public async Task With_no_mail_server_configured_nothing_is_queued_nothing_is_sent_nothing_throws_and_the_status_says_off()
    {
        await using var off = new PortalFactory();
        off.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
        _smtp.Start();

        await using (var scope = off.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
            Assert.False(await outbox.EnqueueAsync(db, Email("report-returned:1:1:user-1"), Cancel));
            await db.SaveChangesAsync(Cancel);
        }

        Assert.Equal(0, await off.Services.GetRequiredService<OutboxSender>().SendDueAsync(Cancel));
        Assert.Equal(0, await off.WithDbAsync(db => db.OutboxMessages.CountAsync(Cancel)));
        Assert.False(off.Services.GetRequiredService<EmailStatus>().IsEnabled);
        Assert.Empty(Received());

        // The portal itself still answers.
        var response = await off.NewClient().GetAsync(new Uri("/account/sign-in", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_mail_host_without_the_portal_address_for_links_refuses_to_start_and_names_the_setting()
    {
        await using var misconfigured = new PortalFactory();
        misconfigured.Settings["Email:Host"] = "smtp.example.gov.vn";
        misconfigured.Settings["Email:SenderAddress"] = "portal@example.gov.vn";
        var problem = Assert.ThrowsAny<Exception>(() => misconfigured.Services);
        Assert.Contains("Email:PortalBaseAddress", problem.ToString(), StringComparison.Ordinal);
    }

    private static OutgoingEmail Email(string key, string link = "https://portal.test/reports/42") => new(
        key,
        "nguoi.nhan@tinh.gov.vn",
        "user-7",
        "vi",
        "Báo cáo quý I/2026 bị trả lại",
        $"Ý kiến: bổ sung số liệu\n{link}",
        $"<p>Ý kiến: <strong>bổ sung số liệu</strong></p><p><a href=\"{link}\">{link}</a></p>");

    private async Task<bool> EnqueueAndSaveAsync(OutgoingEmail email)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var queued = await scope.ServiceProvider.GetRequiredService<EmailOutbox>().EnqueueAsync(db, email, Cancel);
        await db.SaveChangesAsync(Cancel);
        return queued;
    }

    private Task<List<OutboxMessage>> StoredAsync() =>
        _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(Cancel));

    private OutboxSender SenderWith(IMailTransport transport) =>
        ActivatorUtilities.CreateInstance<OutboxSender>(_factory.Services, transport);

    private List<MimeMessage> Received() => _smtp.Received();

    /// <summary>The app's real MailKit transport, for senders a test builds itself.</summary>
    private sealed class SmtpMailTransportFor(PortalFactory factory) : IMailTransport
    {
        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
            new SmtpMailTransport(factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>()).SendAsync(message, cancellationToken);
    }

    /// <summary>Keeps the Message-Id of every try, then lets the mocked seam decide the outcome.</summary>
    private sealed class RecordingTransport(IMailTransport inner, List<string> messageIds) : IMailTransport
    {
        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            messageIds.Add(message.MessageId ?? string.Empty);
            return inner.SendAsync(message, cancellationToken);
        }
    }
}
