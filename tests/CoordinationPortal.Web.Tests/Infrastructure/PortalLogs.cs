namespace CoordinationPortal.Web.Tests.Infrastructure;

/// <summary>What a portal wrote to its log files (under its data folder), read while it still writes them.</summary>
public static class PortalLogs
{
    public static List<string> Read(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "logs");
        var lines = new List<string>();
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder) : [])
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
