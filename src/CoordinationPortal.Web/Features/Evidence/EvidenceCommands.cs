using CoordinationPortal.Data;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Web.Features.Progress;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Files;
using CoordinationPortal.Web.Infrastructure.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Features.Evidence;

/// <summary>
/// The one write path of evidence files: add and remove. Who may do either is the rule of the
/// record the file belongs to, asked of that record's own commands (a report line: the report's
/// write guard, so a locked draft's files cannot be removed either; a progress entry: its agency).
/// The bytes are stored before the row and removed if the row is not saved, so no file is left behind.
/// </summary>
public sealed class EvidenceCommands(
    PortalDbContext db,
    IFileStore store,
    IOptions<FileStoreOptions> options,
    ReportWriteGuard reports,
    FormTokens tokens,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock)
{
    public async Task<Result<int>> AddToReportLineAsync(Caller caller, int reportId, int lineId, IFormFile? file, Guid? formToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var report = await db.QuarterlyReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null || !report.Lines.Any(l => l.Id == lineId))
        {
            return Refusal.NotFound;
        }

        if (await reports.RefusalAsync(caller.Actor, report, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        return await tokens.OnceAsync(formToken, caller.UserId, () => StoreAsync(EvidenceOwner.ReportLine, lineId, file, caller, cancellationToken), cancellationToken);
    }

    public async Task<Result<int>> AddToProgressEntryAsync(Caller caller, int entryId, IFormFile? file, Guid? formToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var entry = await db.ProgressEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return Refusal.NotFound;
        }

        if (ProgressCommands.CorrectRefusal(caller.Actor, entry) is { } refusal)
        {
            return refusal;
        }

        return await tokens.OnceAsync(formToken, caller.UserId, () => StoreAsync(EvidenceOwner.ProgressEntry, entryId, file, caller, cancellationToken), cancellationToken);
    }

    /// <summary>The most files a new progress entry takes in the same step as its text.</summary>
    public const int MaxFilesWithEntry = 5;

    /// <summary>
    /// Files sent with a new progress entry, checked before anything is saved: one refused file refuses
    /// the entry, and the form comes back with everything typed and the reason under the file field.
    /// </summary>
    public async Task<FieldErrors> CheckAsync(IReadOnlyList<IFormFile> files, string field, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(errors);
        if (files.Count > MaxFilesWithEntry)
        {
            return errors.Add(field, localizer["Evidence.TooMany", MaxFilesWithEntry]);
        }

        foreach (var file in files)
        {
            if (file.Length > options.Value.MaxBytes)
            {
                return errors.Add(field, localizer["Evidence.TooLarge", file.FileName]);
            }

            await using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
            if (EvidenceFileRules.Check(file.FileName, buffer.Length, buffer, options.Value.MaxBytes) is { } rule)
            {
                return errors.Add(field, localizer[rule, file.FileName]);
            }
        }

        return errors;
    }

    /// <summary>
    /// Stores the files of a progress entry being created, inside the transaction that creates it
    /// (<see cref="ProgressCommands.CreateAsync"/>), so the entry and its files are saved together or not at all.
    /// </summary>
    public async Task<Refusal?> AddToNewEntryAsync(Caller caller, int entryId, IReadOnlyList<IFormFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            var stored = await StoreAsync(EvidenceOwner.ProgressEntry, entryId, file, caller, cancellationToken);
            if (!stored.Succeeded)
            {
                return stored.Refusal;
            }
        }

        return null;
    }

    /// <summary>Removes a file, if the caller may change the record it belongs to now. Returns the file's name.</summary>
    public async Task<Result<string>> RemoveAsync(Caller caller, int fileId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var file = await db.EvidenceFiles.SingleOrDefaultAsync(f => f.Id == fileId, cancellationToken);
        if (file is null)
        {
            return Refusal.NotFound;
        }

        Refusal? refusal;
        switch (file.OwnerType)
        {
            case EvidenceOwner.ReportLine:
                var report = await db.QuarterlyReports.AsNoTracking().SingleOrDefaultAsync(r => r.Lines.Any(l => l.Id == file.OwnerId), cancellationToken);
                refusal = report is null ? Refusal.NotFound : await reports.RefusalAsync(caller.Actor, report, cancellationToken);
                break;
            case EvidenceOwner.ProgressEntry:
                var entry = await db.ProgressEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == file.OwnerId, cancellationToken);
                refusal = entry is null ? Refusal.NotFound : ProgressCommands.CorrectRefusal(caller.Actor, entry);
                break;
            default:
                refusal = Refusal.NotFound;
                break;
        }

        if (refusal is not null)
        {
            return refusal;
        }

        db.EvidenceFiles.Remove(file);
        await db.SaveChangesAsync(cancellationToken);
        await store.DeleteAsync(file.StoredName, cancellationToken); // after the row: a failed save keeps both
        return Result.Done(file.OriginalName);
    }

    private async Task<Result<int>> StoreAsync(EvidenceOwner ownerType, int ownerId, IFormFile? file, Caller caller, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return Refused("Evidence.NoFile", string.Empty);
        }

        var max = options.Value.MaxBytes;
        if (file.Length > max)
        {
            return Refused("Evidence.TooLarge", file.FileName); // refused before reading a byte of it
        }

        await using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        if (EvidenceFileRules.Check(file.FileName, buffer.Length, buffer, max) is { } rule)
        {
            return Refused(rule, file.FileName);
        }

        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        var stored = $"{Guid.NewGuid():N}{extension}";
        buffer.Position = 0;
        await using var storedFile = await store.SavePendingAsync(stored, buffer, cancellationToken); // removed again if the row is not saved
        var row = new EvidenceFile(ownerType, ownerId, DisplayName(file.FileName), stored, EvidenceFileRules.ContentTypes[extension], buffer.Length, caller.UserId, caller.Name, clock.GetUtcNow().UtcDateTime);
        db.EvidenceFiles.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        storedFile.Commit();
        return Result.Done(row.Id);
    }

    private Refusal Refused(string key, string fileName) => Refusal.Invalid(new FieldErrors().Add("file", localizer[key, fileName]));

    /// <summary>The user's file name without any folder part, for display and download only.</summary>
    private static string DisplayName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        name = string.IsNullOrEmpty(name) ? "file" : name;
        return name.Length <= EvidenceFile.MaxFileNameLength ? name : name[^EvidenceFile.MaxFileNameLength..];
    }
}
