using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Evidence;

/// <summary>What a piece of evidence is attached to.</summary>
public enum EvidenceOwner
{
    ProgressEntry = 1,
    ReportLine = 2,
}

/// <summary>
/// A file someone attached as evidence. The bytes live in the file store under a generated name;
/// the name the user gave is kept only for display and download.
/// </summary>
public sealed class EvidenceFile
{
    public const int MaxFileNameLength = 255;

    public EvidenceFile(EvidenceOwner ownerType, int ownerId, string originalName, string storedName, string contentType, long size, string uploadedById, string uploadedByName, DateTime uploadedAtUtc)
    {
        OwnerType = ownerType;
        OwnerId = ownerId;
        OriginalName = Guard.Text(originalName, MaxFileNameLength, "File name");
        StoredName = Guard.Text(storedName, 100, "Stored name");
        ContentType = Guard.Text(contentType, 100, "Content type");
        Size = size;
        UploadedById = uploadedById;
        UploadedByName = uploadedByName;
        UploadedAtUtc = uploadedAtUtc;
    }

    private EvidenceFile()
    {
        OriginalName = string.Empty;
        StoredName = string.Empty;
        ContentType = string.Empty;
        UploadedById = string.Empty;
        UploadedByName = string.Empty;
    }

    public int Id { get; private set; }

    public EvidenceOwner OwnerType { get; private set; }

    public int OwnerId { get; private set; }

    public string OriginalName { get; private set; }

    public string StoredName { get; private set; }

    public string ContentType { get; private set; }

    public long Size { get; private set; }

    public string UploadedById { get; private set; }

    public string UploadedByName { get; private set; }

    public DateTime UploadedAtUtc { get; private set; }
}
