using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoordinationPortal.Web.Infrastructure.Backup;

/// <summary>
/// manifest.json, written last into a backup folder: a folder without one is an interrupted backup.
/// Restore trusts nothing in the folder that this list does not name with its size and SHA-256.
/// </summary>
public sealed record BackupManifest(
    int Format,
    DateTimeOffset CreatedAt,
    string AppVersion,
    DatabaseProvider Provider,
    string DataDirectory,
    BackupManifest.DatabaseCopy? Database,
    IReadOnlyList<BackupManifest.CopiedFile> Keys,
    IReadOnlyList<BackupManifest.CopiedFile> Files,
    IReadOnlyList<string> FilesMissing,
    double Seconds)
{
    public const string FileName = "manifest.json";
    public const string DatabaseFileName = "portal.db";
    public const string KeysFolder = "keys";
    public const string FilesFolder = "files";
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // Read by people and by this command, never put into a web page: keep '+' in versions readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>For people reading the file; restore counts the lists themselves.</summary>
    public int KeyCount => Keys.Count;

    public int FileCount => Files.Count;

    public long FileBytes => Files.Sum(f => f.Bytes);

    public async Task WriteAsync(string folder, CancellationToken cancellationToken)
    {
        await using var stream = OwnerOnly.CreateFile(Path.Combine(folder, FileName));
        await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    public static async Task<BackupManifest> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, FileName);
        if (!Directory.Exists(folder))
        {
            throw new BackupFailedException($"There is no folder {folder}.");
        }

        if (!File.Exists(path))
        {
            throw new BackupFailedException($"{folder} is not a complete portal backup: it has no {FileName} (an interrupted backup never gets one).");
        }

        BackupManifest? manifest;
        try
        {
            await using var stream = File.OpenRead(path);
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new BackupFailedException($"{path} cannot be read ({exception.Message}); the backup is damaged or was edited.", exception);
        }

        if (manifest is null || manifest.Format != CurrentFormat || manifest.Keys is null || manifest.Files is null)
        {
            throw new BackupFailedException($"{path} is not a manifest this version understands (format {manifest?.Format}, expected {CurrentFormat}).");
        }

        return manifest;
    }

    /// <param name="Migration">The newest migration applied to the copy, to match it with an app version.</param>
    /// <param name="IntegrityCheck">What PRAGMA integrity_check answered on the copy ("ok").</param>
    public sealed record DatabaseCopy(string File, string? Migration, long Bytes, string Sha256, string IntegrityCheck);

    /// <param name="Path">Relative to its folder in the backup, with '/' between folders.</param>
    public sealed record CopiedFile(string Path, long Bytes, string Sha256);
}
