namespace CoordinationPortal.Web.Infrastructure;

/// <summary>Someone else saved while this user was editing: who, when, and which fields now differ.</summary>
public sealed record ConflictView(string? SavedBy, DateTime SavedAtUtc, IReadOnlyList<ConflictField> Fields);

public sealed record ConflictField(string Label, string? Saved, string? Yours);

/// <summary>
/// Builds the "saved meanwhile / yours" comparison a conflicted form shows, the same way for every
/// form: a field is listed when the two texts differ beyond surrounding white space.
/// </summary>
public sealed class ConflictComparison
{
    private readonly List<ConflictField> _fields = [];

    public IReadOnlyList<ConflictField> Fields => _fields;

    public ConflictComparison Compare(string label, string? saved, string? yours)
    {
        if (!string.Equals(saved?.Trim() ?? string.Empty, yours?.Trim() ?? string.Empty, StringComparison.Ordinal))
        {
            _fields.Add(new ConflictField(label, saved, yours));
        }

        return this;
    }

    public ConflictView For(string? savedBy, DateTime savedAtUtc) => new(savedBy, savedAtUtc, _fields);
}
