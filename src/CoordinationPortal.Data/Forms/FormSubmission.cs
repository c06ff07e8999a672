using CoordinationPortal.Data.Auditing;

namespace CoordinationPortal.Data.Forms;

/// <summary>
/// A form that created something, remembered by the token the page put in it: posting the same
/// form again (a double click, a browser retry after a dropped connection) finds this row and gets
/// the first result instead of a second record. Saved in the same transaction as the record.
/// </summary>
public sealed class FormSubmission : IUnaudited
{
    public const int MaxResultLength = 100;

    public FormSubmission(Guid token, string userId, DateTime submittedAtUtc)
    {
        Token = token;
        UserId = userId;
        SubmittedAtUtc = submittedAtUtc;
    }

    private FormSubmission()
    {
        UserId = string.Empty;
    }

    public Guid Token { get; private set; }

    /// <summary>A token counts only for the account that rendered the form.</summary>
    public string UserId { get; private set; }

    public DateTime SubmittedAtUtc { get; private set; }

    /// <summary>What the first submission made ("ProgressEntry:42"), for answering the repeat the same way.</summary>
    public string? Result { get; private set; }

    public void Complete(string result) => Result = result.Length <= MaxResultLength ? result : result[..MaxResultLength];
}
