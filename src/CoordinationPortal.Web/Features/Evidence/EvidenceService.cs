using CoordinationPortal.Data;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Web.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Features.Evidence;

/// <summary>Files to list; with a return address, each gets a remove button that comes back there.</summary>
public sealed record EvidenceListModel(IReadOnlyList<EvidenceView> Files, string? RemoveReturnUrl = null);

/// <summary>A file as a page lists it.</summary>
public sealed record EvidenceView(int Id, EvidenceOwner OwnerType, int OwnerId, string Name, long Size, string UploadedByName, DateTime UploadedAtUtc);

/// <summary>Stores evidence files after checking them, and lists them for their owners.</summary>
public sealed class EvidenceService(PortalDbContext db, IFileStore store, IOptions<FileStoreOptions> options, TimeProvider clock)
{
    /// <summary>Adds a file to a progress entry or a report line; returns why it was refused (a resource key) or null.</summary>
    public async Task<string?> AddAsync(EvidenceOwner ownerType, int ownerId, IFormFile? file, string userId, string userName, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return "Evidence.NoFile";
        }

        var max = options.Value.MaxBytes;
        if (file.Length > max)
        {
            return "Evidence.TooLarge"; // refused before reading a byte of it
        }

        await using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var refusal = EvidenceFileRules.Check(file.FileName, buffer.Length, buffer, max);
        if (refusal is not null)
        {
            return refusal;
        }

        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        var stored = $"{Guid.NewGuid():N}{extension}";
        buffer.Position = 0;
        await using var storedFile = await store.SavePendingAsync(stored, buffer, cancellationToken); // removed again if the row is not saved
        db.EvidenceFiles.Add(new EvidenceFile(
            ownerType,
            ownerId,
            DisplayName(file.FileName),
            stored,
            EvidenceFileRules.ContentTypes[extension],
            buffer.Length,
            userId,
            userName,
            clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        storedFile.Commit();
        return null;
    }

    public async Task<IReadOnlyList<EvidenceView>> ListAsync(EvidenceOwner ownerType, IReadOnlyCollection<int> ownerIds, CancellationToken cancellationToken) =>
        ownerIds.Count == 0
            ? []
            : await db.EvidenceFiles.AsNoTracking()
                .Where(f => f.OwnerType == ownerType && ownerIds.Contains(f.OwnerId))
                .OrderBy(f => f.UploadedAtUtc)
                .Select(f => new EvidenceView(f.Id, f.OwnerType, f.OwnerId, f.OriginalName, f.Size, f.UploadedByName, f.UploadedAtUtc))
                .ToListAsync(cancellationToken);

    public Task<Stream?> OpenAsync(EvidenceFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return store.OpenAsync(file.StoredName, cancellationToken);
    }

    public async Task DeleteAsync(EvidenceFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        db.EvidenceFiles.Remove(file);
        await db.SaveChangesAsync(cancellationToken);
        await store.DeleteAsync(file.StoredName, cancellationToken);
    }

    /// <summary>The user's file name without any folder part, for display and download only.</summary>
    private static string DisplayName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        name = string.IsNullOrEmpty(name) ? "file" : name;
        return name.Length <= EvidenceFile.MaxFileNameLength ? name : name[^EvidenceFile.MaxFileNameLength..];
    }
}
