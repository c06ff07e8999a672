using CoordinationPortal.Data;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Web.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Evidence;

/// <summary>Files to list; with a return address, each gets a remove button that comes back there.</summary>
public sealed record EvidenceListModel(IReadOnlyList<EvidenceView> Files, string? RemoveReturnUrl = null);

/// <summary>A file as a page lists it.</summary>
public sealed record EvidenceView(int Id, EvidenceOwner OwnerType, int OwnerId, string Name, long Size, string UploadedByName, DateTime UploadedAtUtc);

/// <summary>Reads of evidence: the files of some owners, and a file's bytes.</summary>
public sealed class EvidenceQueries(PortalDbContext db, IFileStore store)
{
    public async Task<IReadOnlyList<EvidenceView>> ListAsync(EvidenceOwner ownerType, IReadOnlyCollection<int> ownerIds, CancellationToken cancellationToken) =>
        ownerIds.Count == 0
            ? []
            : await db.EvidenceFiles.AsNoTracking()
                .Where(f => f.OwnerType == ownerType && ownerIds.Contains(f.OwnerId))
                .OrderBy(f => f.UploadedAtUtc)
                .Select(f => new EvidenceView(f.Id, f.OwnerType, f.OwnerId, f.OriginalName, f.Size, f.UploadedByName, f.UploadedAtUtc))
                .ToListAsync(cancellationToken);

    /// <summary>The files of a report's lines, oldest first: found through the lines in SQL, compiled (the report form reads them on every open).</summary>
    public async Task<IReadOnlyList<EvidenceView>> OfReportLinesAsync(int reportId, CancellationToken cancellationToken)
    {
        var files = new List<EvidenceView>();
        await foreach (var file in FilesOfReportLines(db, reportId).WithCancellation(cancellationToken))
        {
            files.Add(file);
        }

        return files;
    }

    private static readonly Func<PortalDbContext, int, IAsyncEnumerable<EvidenceView>> FilesOfReportLines = EF.CompileAsyncQuery(
        (PortalDbContext db, int reportId) => db.EvidenceFiles.AsNoTracking()
            .Where(f => f.OwnerType == EvidenceOwner.ReportLine && db.ReportLines.Any(l => l.ReportId == reportId && l.Id == f.OwnerId))
            .OrderBy(f => f.UploadedAtUtc)
            .Select(f => new EvidenceView(f.Id, f.OwnerType, f.OwnerId, f.OriginalName, f.Size, f.UploadedByName, f.UploadedAtUtc)));

    public Task<EvidenceFile?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.EvidenceFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);

    public Task<Stream?> OpenAsync(EvidenceFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return store.OpenAsync(file.StoredName, cancellationToken);
    }
}
