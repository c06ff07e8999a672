using System.IO.Compression;

namespace CoordinationPortal.Web.Infrastructure.Files;

/// <summary>
/// Which files are accepted as evidence: PDF, DOCX, XLSX, JPG and PNG up to 10 MB, recognised by
/// extension and by content signature together, so that a renamed program or web page is refused.
/// </summary>
public static class EvidenceFileRules
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static IReadOnlyDictionary<string, string> ContentTypes { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
    };

    /// <summary>Why a file is refused (a resource key), or null when it is accepted.</summary>
    public static string? Check(string fileName, long length, Stream content, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(content);
        var extension = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        if (!ContentTypes.ContainsKey(extension))
        {
            return "Evidence.WrongType";
        }

        if (length == 0)
        {
            return "Evidence.Empty";
        }

        if (length > maxBytes)
        {
            return "Evidence.TooLarge";
        }

        var matches = extension switch
        {
            ".pdf" => StartsWith(content, Pdf),
            ".jpg" or ".jpeg" => StartsWith(content, Jpeg),
            ".png" => StartsWith(content, Png),
            ".docx" => IsOfficePackage(content, "word/document.xml"),
            ".xlsx" => IsOfficePackage(content, "xl/workbook.xml"),
            _ => false,
        };
        return matches ? null : "Evidence.ContentMismatch";
    }

    private static bool StartsWith(Stream content, byte[] signature)
    {
        content.Position = 0;
        Span<byte> head = stackalloc byte[signature.Length];
        var read = content.ReadAtLeast(head, signature.Length, throwOnEndOfStream: false);
        content.Position = 0;
        return read == signature.Length && head.SequenceEqual(signature);
    }

    /// <summary>A Word or Excel file is a ZIP package with its main part inside.</summary>
    private static bool IsOfficePackage(Stream content, string mainPart)
    {
        if (!StartsWith(content, Zip))
        {
            return false;
        }

        try
        {
            using var archive = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            return archive.GetEntry("[Content_Types].xml") is not null && archive.GetEntry(mainPart) is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
        finally
        {
            content.Position = 0;
        }
    }
}
