using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Files;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoordinationPortal.Web.Tests;

/// <summary>A full or unavailable disk is the server's problem, not the user's, and leaves no partial file.</summary>
public sealed class StorageFailureTests
{
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
