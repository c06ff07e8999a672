namespace CoordinationPortal.Web.Infrastructure.Commands;

/// <summary>Why a command did not do what was asked.</summary>
public enum RefusalKind
{
    /// <summary>No such record (or none the caller may know of).</summary>
    NotFound = 1,

    /// <summary>The caller's role, agency or province does not allow it.</summary>
    Forbidden = 2,

    /// <summary>What was typed must be fixed: see the field errors.</summary>
    Invalid = 3,

    /// <summary>Someone else saved first; <see cref="Refusal.Current"/> holds what they saved.</summary>
    Conflict = 4,

    /// <summary>Allowed in principle, but not now (a locked quarter, a submitted report): the message says why.</summary>
    Refused = 5,
}

/// <summary>A command's "no": its kind, a message key for the page, and what the page needs to explain it.</summary>
public sealed record Refusal(RefusalKind Kind, string? MessageKey = null, object[]? Arguments = null)
{
    public static Refusal NotFound { get; } = new(RefusalKind.NotFound);

    public static Refusal Forbidden { get; } = new(RefusalKind.Forbidden);

    /// <summary>Field errors (already in the reader's language), keyed by the form field's name.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; init; } = new Dictionary<string, string>();

    /// <summary>The record as it is now, for a conflict's comparison.</summary>
    public object? Current { get; init; }

    public static Refusal Because(string messageKey, params object[] arguments) => new(RefusalKind.Refused, messageKey, arguments);

    public static Refusal Invalid(FieldErrors errors) => new(RefusalKind.Invalid) { FieldErrors = errors?.ByField ?? new Dictionary<string, string>() };

    public static Refusal Conflict(object current) => new(RefusalKind.Conflict) { Current = current };
}

/// <summary>What a command (or a read that may be refused) returns: its value when done, or the refusal.</summary>
public sealed class Result<T>
{
    internal Result(T? value, Refusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    public T? Value { get; }

    public Refusal? Refusal { get; }

    public bool Succeeded => Refusal is null;

    public static implicit operator Result<T>(Refusal refusal) => new(default, refusal);
}

/// <summary>Makes results: <c>Result.Done(id)</c>; a <see cref="Refusal"/> converts to a result by itself.</summary>
public static class Result
{
    public static Result<T> Done<T>(T value) => new(value, null);
}
