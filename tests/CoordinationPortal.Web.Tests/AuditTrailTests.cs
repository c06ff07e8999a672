using System.Net;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

public sealed class AuditTrailTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<List<AuditEntry>> EntriesAsync(Func<IQueryable<AuditEntry>, IQueryable<AuditEntry>> filter) =>
        factory.WithDbAsync(db => filter(db.AuditEntries.AsNoTracking()).OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken));

    [Fact]
    public async Task A_change_to_an_account_is_recorded_with_who_when_what_before_after_and_address()
    {
        var admin = await factory.AccountAsync(Persona.Administrator);
        var target = await factory.CreateAccountAsync(Persona.CentralVwu, email: "audit-target@test.local");
        var client = await factory.SignedInClientAsync(Persona.Administrator);
        var before = DateTime.UtcNow;

        var edit = await client.GetDocumentAsync($"/admin/users/{target.Id}");
        using var saved = await client.PostFormAsync($"/admin/users/{target.Id}", edit, new()
        {
            ["FullName"] = "Trần Thị Bình",
            ["Email"] = target.Email,
            ["Role"] = "CentralOfficer",
            ["AgencyId"] = edit.QuerySelector("#AgencyId option[selected]")!.GetAttribute("value")!,
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var entry = Assert.Single(await EntriesAsync(q => q.Where(e => e.EntityType == "PortalUser" && e.EntityId == target.Id && e.Action == AuditAction.Updated)));
        Assert.Equal(admin.Id, entry.UserId);
        Assert.Equal(admin.Email, entry.UserName);
        Assert.Equal(PortalFactory.ClientAddress.ToString(), entry.IpAddress);
        Assert.InRange(entry.OccurredAtUtc, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
        var change = Assert.Single(entry.Changes, c => c.Field == "FullName");
        Assert.Equal("CentralVwu Test", change.Before);
        Assert.Equal("Trần Thị Bình", change.After);
    }

    [Fact]
    public async Task A_failed_sign_in_is_recorded_with_the_email_typed_and_the_address()
    {
        using var response = await PortalFactory.SignInAsync(factory.NewClient(), "guess@example.vn", "guessing a long password");

        var entry = Assert.Single(await EntriesAsync(q => q.Where(e => e.Action == AuditAction.SignInFailed && e.UserName == "guess@example.vn")));
        Assert.Null(entry.UserId);
        Assert.Equal(PortalFactory.ClientAddress.ToString(), entry.IpAddress);
    }

    [Fact]
    public async Task A_refused_request_is_recorded()
    {
        var central = await factory.AccountAsync(Persona.CentralCema);
        var client = await factory.SignedInClientAsync(Persona.CentralCema);

        using var response = await client.GetAsync(new Uri("/admin/users", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Bạn không có quyền truy cập trang này", (await response.ReadDocumentAsync()).QuerySelector("h1")!.Text());
        Assert.Contains(await EntriesAsync(q => q.Where(e => e.Action == AuditAction.AccessDenied && e.UserId == central.Id)), e => e.Detail == "GET /admin/users");
    }

    [Fact]
    public async Task Secrets_are_recorded_as_changed_without_their_values()
    {
        var account = await factory.CreateAccountAsync(Persona.Leadership, email: "secret-audit@test.local");

        var created = Assert.Single(await EntriesAsync(q => q.Where(e => e.EntityType == "PortalUser" && e.EntityId == account.Id && e.Action == AuditAction.Created)));

        Assert.Equal("(changed)", Assert.Single(created.Changes, c => c.Field == "PasswordHash").After);
        Assert.DoesNotContain(created.Changes, c => c.Field == "SecurityStamp");
    }

    [Fact]
    public async Task The_audit_page_filters_by_user_record_type_and_day()
    {
        var admin = await factory.AccountAsync(Persona.Administrator); // sign-ins are security events: administrators read them (issue 12)
        using (await PortalFactory.SignInAsync(factory.NewClient(), "filter-me@example.vn", "wrong wrong wrong wrong"))
        {
        }

        var client = await factory.SignedInClientAsync(Persona.Administrator);
        var today = DateTime.UtcNow.AddHours(7).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

        var byUser = await client.GetDocumentAsync("/audit?user=filter-me");
        var byEntity = await client.GetDocumentAsync("/audit?entity=PortalUser");
        var byDay = await client.GetDocumentAsync($"/audit?from={Uri.EscapeDataString(today)}&to={Uri.EscapeDataString(today)}&user={Uri.EscapeDataString(admin.Email)}");
        var yesterday = await client.GetDocumentAsync("/audit?to=01/01/2020");
        using var badDateResponse = await client.GetAsync(new Uri("/audit?from=31/02/2025", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, badDateResponse.StatusCode); // the page, with the message beside the filter
        var badDate = await badDateResponse.ReadDocumentAsync();

        var rows = byUser.QuerySelectorAll("tbody tr");
        Assert.Single(rows);
        Assert.Equal("SignInFailed", rows[0].GetAttribute("data-audit-action"));
        Assert.All(byEntity.QuerySelectorAll("tbody tr"), r => Assert.Equal("PortalUser", r.GetAttribute("data-audit-entity")));
        Assert.Contains(byDay.QuerySelectorAll("tbody tr"), r => r.GetAttribute("data-audit-action") == "SignInSucceeded");
        Assert.Empty(yesterday.QuerySelectorAll("tbody tr"));
        Assert.Contains("không phải ngày hợp lệ", badDate.QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trail_cannot_be_edited_or_deleted_even_through_the_database_context()
    {
        var ex = await Record.ExceptionAsync(() => factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.FirstAsync(TestContext.Current.CancellationToken);
            db.AuditEntries.Remove(entry);
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }));

        Assert.IsType<InvalidOperationException>(ex);
        Assert.Contains("cannot be edited or deleted", ex.Message, StringComparison.Ordinal);
    }
}

public sealed class ProxyAddressTests
{
    [Fact]
    public async Task Behind_a_known_proxy_the_audit_trail_records_the_real_client_address()
    {
        await using var factory = new PortalFactory();
        factory.Settings["ForwardedHeaders:KnownProxies:0"] = PortalFactory.ClientAddress.ToString();
        var client = factory.NewClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.20");

        using var response = await PortalFactory.SignInAsync(client, "behind-proxy@example.vn", "a long wrong password");

        var entry = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.UserName == "behind-proxy@example.vn", TestContext.Current.CancellationToken));
        Assert.Equal("198.51.100.20", entry.IpAddress);
    }

    [Fact]
    public async Task Forwarded_headers_from_anyone_else_are_ignored()
    {
        await using var factory = new PortalFactory();
        var client = factory.NewClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.20");

        using var response = await PortalFactory.SignInAsync(client, "spoofer@example.vn", "a long wrong password");

        var entry = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.UserName == "spoofer@example.vn", TestContext.Current.CancellationToken));
        Assert.Equal(PortalFactory.ClientAddress.ToString(), entry.IpAddress);
    }
}
