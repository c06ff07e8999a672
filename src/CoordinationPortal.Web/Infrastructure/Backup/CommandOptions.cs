namespace CoordinationPortal.Web.Infrastructure.Backup;

/// <summary>
/// "name --option value --flag" for the backup and restore commands. Unlike a typo'd option that
/// is ignored, an unknown one is refused: a nightly job must not quietly keep the wrong number of backups.
/// </summary>
internal sealed class CommandOptions
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    private CommandOptions()
    {
    }

    /// <summary>The options after the command's name, or null when one is unknown or lacks its value.</summary>
    public static CommandOptions? Parse(string[] args, IReadOnlyCollection<string> withValue, IReadOnlyCollection<string> flags)
    {
        var options = new CommandOptions();
        for (var i = 1; i < args.Length; i++)
        {
            if (flags.Contains(args[i]))
            {
                options._values[args[i]] = null;
            }
            else if (withValue.Contains(args[i]) && i + 1 < args.Length)
            {
                options._values[args[i]] = args[++i];
            }
            else
            {
                return null;
            }
        }

        return options;
    }

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public bool Has(string name) => _values.ContainsKey(name);
}
