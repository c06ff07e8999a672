using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Files;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// A full or unavailable disk is the server's problem, not the user's: requests answer 503 with a
/// page that says the input was not saved, and no file is left without its row.
/// </summary>
public sealed class StorageFailureTests
{
    /// <summary>Once armed, every write the app sends fails as SQLite fails on a full disk.</summary>
    private sealed class DiskFullOnWrite : DbCommandInterceptor
    {
        public volatile bool Armed;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            FailIfWrite(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            FailIfWrite(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void FailIfWrite(DbCommand command)
        {
            var sql = command.CommandText.TrimStart();
            if (Armed && (sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)))
            {
                throw new SqliteException("database or disk is full", 13);
            }
        }
    }

    private static (PortalFactory Factory, DiskFullOnWrite Disk) FactoryWithDisk()
    {
        var disk = new DiskFullOnWrite();
        return (new PortalFactory { ConfigureServices = services => services.AddSingleton<IInterceptor>(disk) }, disk);
    }

    private static async Task AssertStorageFullPageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Bộ nhớ lưu trữ của máy chủ đã đầy", page.QuerySelector("h1")!.Text());
        Assert.Contains("nội dung bạn nhập chưa được lưu", page.QuerySelector("main")!.Text(), StringComparison.Ordinal);
        Assert.StartsWith("Mã yêu cầu: ", page.QuerySelector("main p.small")!.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("SqliteException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("portal.db", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_on_a_full_disk_gets_the_503_storage_page_not_a_bare_500()
    {
        var (factory, disk) = FactoryWithDisk();
        await using var _ = factory;
        var account = await factory.AccountAsync(Persona.CentralVwu);
        var client = factory.NewClient();
        var signIn = await client.GetDocumentAsync("/account/sign-in");

        disk.Armed = true;
        // A wrong password is written down (failed-attempt count), which the full disk refuses.
        using var response = await client.PostFormAsync("/account/sign-in", signIn, new() { ["Email"] = account.Email, ["Password"] = "not the password at all" });

        await AssertStorageFullPageAsync(response);
    }

    [Fact]
    public async Task A_progress_entry_saved_on_a_full_disk_gets_the_503_storage_page()
    {
        var (factory, disk) = FactoryWithDisk();
        await using var _ = factory;
        var activityId = await factory.ActivityIdAsync(3);
        var vwu = await factory.SignedInClientAsync(Persona.CentralVwu);
        var form = await vwu.GetDocumentAsync($"/activities/{activityId}/progress/new");

        disk.Armed = true;
        using var response = await vwu.PostFormAsync($"/activities/{activityId}/progress/new", form, new()
        {
            ["ReportedOn"] = "15/10/2024",
            ["Status"] = "OnTrack",
            ["PercentComplete"] = "30",
            ["Done"] = "Đã tổ chức hội nghị triển khai.",
        });

        await AssertStorageFullPageAsync(response);
        disk.Armed = false;
        Assert.False(await factory.WithDbAsync(db => db.ProgressEntries.AnyAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task An_upload_whose_row_cannot_be_saved_leaves_no_file_behind()
    {
        var (factory, disk) = FactoryWithDisk();
        await using var _ = factory;
        var entryId = await factory.EntryAsync(Persona.CentralVwu, activityNumber: 1);
        var client = await factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await client.GetDocumentAsync($"/progress/{entryId}/edit");
        using var form = new MultipartFormDataContent { { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Scenario.PdfBytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
        form.Add(file, "file", "bien-ban.pdf");

        disk.Armed = true;
        using var response = await client.PostAsync(new Uri($"/progress/{entryId}/evidence", UriKind.Relative), form, TestContext.Current.CancellationToken);
        disk.Armed = false;

        await AssertStorageFullPageAsync(response);
        var folder = Path.Combine(factory.DataDirectory, "files");
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder) : []);
        Assert.False(await factory.WithDbAsync(db => db.EvidenceFiles.AnyAsync(f => f.OwnerType == EvidenceOwner.ProgressEntry && f.OwnerId == entryId, TestContext.Current.CancellationToken)));
    }

    /// <summary>Gives some bytes, then fails as a disk does when it fills up halfway through a file.</summary>
    private sealed class FailingHalfway(int bytesBeforeFailure) : Stream
    {
        private int _given;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _given; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_given >= bytesBeforeFailure)
            {
                throw new IOException("No space left on device", 28);
            }

            var n = Math.Min(count, bytesBeforeFailure - _given);
            Array.Fill(buffer, (byte)'x', offset, n);
            _given += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_store_that_fails_halfway_through_a_file_leaves_no_partial_file()
    {
        var root = Path.Combine(Path.GetTempPath(), $"cp-store-{Guid.NewGuid():N}");
        try
        {
            var store = new LocalFileStore(root, NullLogger<LocalFileStore>.Instance);
            await using var content = new FailingHalfway(300 * 1024);

            var failure = await Assert.ThrowsAsync<IOException>(() => store.SaveAsync("0123456789abcdef0123456789abcdef.pdf", content, TestContext.Current.CancellationToken));

            Assert.Equal(StorageFailureKind.DiskFull, StorageFailure.Classify(failure));
            Assert.Empty(Directory.GetFileSystemEntries(root));
            Assert.Null(await store.OpenAsync("0123456789abcdef0123456789abcdef.pdf", TestContext.Current.CancellationToken));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_stored_file_is_only_seen_under_its_name_once_complete()
    {
        var root = Path.Combine(Path.GetTempPath(), $"cp-store-{Guid.NewGuid():N}");
        try
        {
            var store = new LocalFileStore(root, NullLogger<LocalFileStore>.Instance);

            await store.SaveAsync("fedcba9876543210fedcba9876543210.pdf", new MemoryStream(Scenario.PdfBytes), TestContext.Current.CancellationToken);

            Assert.Equal(["fedcba9876543210fedcba9876543210.pdf"], Directory.GetFileSystemEntries(root).Select(Path.GetFileName));
            Assert.Equal(Scenario.PdfBytes, await File.ReadAllBytesAsync(Path.Combine(root, "fedcba9876543210fedcba9876543210.pdf"), TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData(13, StorageFailureKind.DiskFull)] // SQLITE_FULL
    [InlineData(8, StorageFailureKind.ReadOnly)] // SQLITE_READONLY
    [InlineData(14, StorageFailureKind.CannotOpen)] // SQLITE_CANTOPEN
    [InlineData(5, StorageFailureKind.Busy)] // SQLITE_BUSY
    [InlineData(10 | (13 << 8), StorageFailureKind.IoError)] // SQLITE_IOERR_FSYNC, an extended code
    [InlineData(26, StorageFailureKind.Damaged)] // SQLITE_NOTADB
    [InlineData(19, null)] // SQLITE_CONSTRAINT: a rule of the data, not the disk
    public void SQLite_failures_are_told_apart_from_other_errors(int code, StorageFailureKind? expected) =>
        Assert.Equal(expected, StorageFailure.Classify(new SqliteException("test", code)));

    [Fact]
    public void A_storage_failure_is_found_inside_the_exceptions_that_wrap_it()
    {
        Assert.Equal(StorageFailureKind.DiskFull, StorageFailure.Classify(new DbUpdateException("saving failed", new SqliteException("database or disk is full", 13))));
        Assert.Equal(StorageFailureKind.DiskFull, StorageFailure.Classify(new IOException("No space left on device", 28)));
        Assert.Equal(StorageFailureKind.ReadOnly, StorageFailure.Classify(new IOException("Read-only file system", 30)));
        Assert.Null(StorageFailure.Classify(new InvalidOperationException("a bug", new ArgumentException("not storage"))));
    }
}
