using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace CoordinationPortal.Web.Features.ReportWorkbooks;

/// <summary>
/// An uploaded workbook, checked before the Open XML SDK sees it: an upload is untrusted, so a file
/// that is too big, not a zip, a zip bomb (too many entries, too much once expanded, an entry
/// compressed beyond any spreadsheet's ratio, or sizes that lie) or a macro-enabled or binary
/// workbook is refused with a message key, never an exception. What passes is opened read-only.
/// </summary>
public sealed class UploadedWorkbook : IDisposable
{
    private readonly MemoryStream _stream;

    private UploadedWorkbook(MemoryStream stream, SpreadsheetDocument document)
    {
        _stream = stream;
        Document = document;
    }

    public SpreadsheetDocument Document { get; }

    /// <summary>The file's bytes checked and opened, or the resource key (and its arguments) of why not.</summary>
    public static (UploadedWorkbook? Workbook, string? RefusalKey, object[] Arguments) Open(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            return Refused("Import.Refused.Empty");
        }

        if (bytes.Length > WorkbookFormat.Limits.MaxFileBytes)
        {
            return Refused("Import.Refused.TooLarge", WorkbookFormat.Limits.MaxFileBytes / (1024 * 1024));
        }

        if (bytes.Length < 4 || bytes[0] != 'P' || bytes[1] != 'K' || bytes[2] != 3 || bytes[3] != 4)
        {
            return Refused("Import.Refused.NotXlsx");
        }

        if (ZipProblem(bytes) is { } problem)
        {
            return problem;
        }

        var stream = new MemoryStream(bytes, writable: false);
        try
        {
            // The SDK never fetches an external relationship (a linked workbook, an image on a web
            // server): it only lists it, and the reader never asks for one. DTDs are refused by its
            // XML reader, and no part may hold more characters than the expanded limit.
            var document = SpreadsheetDocument.Open(stream, isEditable: false, new OpenSettings
            {
                AutoSave = false,
                MaxCharactersInPart = WorkbookFormat.Limits.MaxExpandedBytes,
            });
            if (document.DocumentType != SpreadsheetDocumentType.Workbook || document.WorkbookPart is null)
            {
                var macro = document.DocumentType is SpreadsheetDocumentType.MacroEnabledWorkbook or SpreadsheetDocumentType.MacroEnabledTemplate or SpreadsheetDocumentType.AddIn;
                document.Dispose();
                stream.Dispose();
                return Refused(macro ? "Import.Refused.Macro" : "Import.Refused.NotXlsx");
            }

            return (new UploadedWorkbook(stream, document), null, []);
        }
        catch (Exception failure) when (failure is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            stream.Dispose();
            return Refused("Import.Refused.Unreadable");
        }
    }

    /// <summary>The zip's limits, read from its central directory and checked again while expanding (a header may lie about sizes).</summary>
    private static (UploadedWorkbook?, string?, object[])? ZipProblem(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > WorkbookFormat.Limits.MaxZipEntries)
            {
                return Refused("Import.Refused.TooManyParts", WorkbookFormat.Limits.MaxZipEntries);
            }

            long declared = 0;
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith(".bin", StringComparison.OrdinalIgnoreCase)
                    && (entry.FullName.Contains("vbaProject", StringComparison.OrdinalIgnoreCase) || entry.FullName.Equals("xl/workbook.bin", StringComparison.OrdinalIgnoreCase)))
                {
                    return Refused("Import.Refused.Macro"); // .xlsm / .xlsb: the SDK would not say why
                }

                declared += entry.Length;
                if (entry.Length < 0 || declared > WorkbookFormat.Limits.MaxExpandedBytes)
                {
                    return Refused("Import.Refused.Expands", WorkbookFormat.Limits.MaxExpandedBytes / (1024 * 1024));
                }

            }

            foreach (var entry in zip.Entries)
            {
                if (entry.Length > Math.Max(entry.CompressedLength, 1) * WorkbookFormat.Limits.MaxCompressionRatio)
                {
                    return Refused("Import.Refused.Compressed", WorkbookFormat.Limits.MaxCompressionRatio);
                }
            }

            // Expand for real, counting, and stop at the first entry that holds more than it declared.
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var content = entry.Open();
                long read = 0;
                int count;
                while ((count = content.Read(buffer, 0, buffer.Length)) > 0)
                {
                    read += count;
                    if (read > entry.Length)
                    {
                        return Refused("Import.Refused.Expands", WorkbookFormat.Limits.MaxExpandedBytes / (1024 * 1024));
                    }
                }
            }

            return null;
        }
        catch (Exception failure) when (failure is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            return Refused("Import.Refused.Unreadable");
        }
    }

    private static (UploadedWorkbook?, string?, object[]) Refused(string key, params object[] arguments) => (null, key, arguments);

    public void Dispose()
    {
        Document.Dispose();
        _stream.Dispose();
    }
}
