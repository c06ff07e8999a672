namespace CoordinationPortal.Web.Tests.Infrastructure;

/// <summary>Paths inside the checked-out repository, found from the test binaries.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CoordinationPortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CoordinationPortal.sln not found above the test binaries.");
    }
}
