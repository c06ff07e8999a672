using System.Globalization;
using CoordinationPortal.Data;
using CoordinationPortal.Data.Forms;
using CoordinationPortal.Web.Infrastructure.Commands;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Infrastructure.Forms;

/// <summary>
/// Makes a creating form write once, however often it arrives: each rendered form carries a fresh
/// token (<c>FormToken</c>); the first post claims it in the same transaction as the record it
/// creates, and a repeat (double click, a browser's retry after a dropped connection) gets the
/// first post's result instead of a second record. A post that was refused claims nothing, so
/// fixing the form and sending it again works.
/// </summary>
public sealed class FormTokens(PortalDbContext db, TimeProvider clock)
{
    public const string FieldName = "FormToken";

    /// <summary>Tokens are kept this long: far beyond any retry, short enough to keep the table small.</summary>
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    /// <summary>
    /// Runs <paramref name="create"/> (which saves the new record and returns its id) once per token.
    /// Without a token (a form from an older page), it simply runs.
    /// </summary>
    public async Task<Result<int>> OnceAsync(Guid? token, string userId, Func<Task<Result<int>>> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        var result = await OnceAsync(token, userId, async () =>
        {
            var created = await create();
            return created.Succeeded ? Result.Done(created.Value.ToString(CultureInfo.InvariantCulture)) : created.Refusal!;
        }, cancellationToken);
        return result.Succeeded && int.TryParse(result.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? Result.Done(id)
            : result.Refusal ?? Refusal.Because("Form.AlreadySent");
    }

    /// <summary>The same for records whose id is a string (accounts).</summary>
    public async Task<Result<string>> OnceAsync(Guid? token, string userId, Func<Task<Result<string>>> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (token is not { } value || value == Guid.Empty)
        {
            return await create();
        }

        if (await PreviousAsync(value, userId, cancellationToken) is { } previous)
        {
            return previous;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - KeptFor;
        await db.FormSubmissions.Where(f => f.SubmittedAtUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
        var submission = new FormSubmission(value, userId, now);
        db.FormSubmissions.Add(submission);
        try
        {
            // Claimed first: a repeat arriving meanwhile waits for this transaction, then finds the result.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return await PreviousAsync(value, userId, cancellationToken) ?? Refusal.Because("Form.AlreadySent");
        }

        var result = await create();
        if (!result.Succeeded)
        {
            return result; // disposing the transaction releases the token
        }

        submission.Complete(result.Value!);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<Result<string>?> PreviousAsync(Guid token, string userId, CancellationToken cancellationToken)
    {
        var previous = await db.FormSubmissions.AsNoTracking()
            .Where(f => f.Token == token)
            .Select(f => new { f.UserId, f.Result })
            .SingleOrDefaultAsync(cancellationToken);
        if (previous is null)
        {
            return null;
        }

        return previous.UserId == userId && previous.Result is { } result
            ? Result.Done(result)
            : Refusal.Because("Form.AlreadySent");
    }
}

/// <summary>The hidden token field of a creating form: <c>@Html.FormToken()</c>, or the posted one when the form is shown again.</summary>
public static class FormTokenHtml
{
    public static Microsoft.AspNetCore.Html.IHtmlContent FormToken(this Microsoft.AspNetCore.Mvc.Rendering.IHtmlHelper html, Guid? token = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        var value = token is { } t && t != Guid.Empty ? t : Guid.NewGuid();
        return new Microsoft.AspNetCore.Html.HtmlString(string.Create(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{FormTokens.FieldName}\" value=\"{value:D}\">"));
    }
}
