using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Infrastructure;

public enum NoticeKind
{
    Success = 1,
    Error = 2,
}

/// <summary>A one-off message shown on the page after a redirect ("Đã lưu", "Quý đã khóa").</summary>
public sealed record Notice(NoticeKind Kind, string Text);

/// <summary>
/// Tells the person what just happened, on whichever page the redirect leads to. The one place that
/// knows how notices travel (temp data) and that they are said in the reader's language.
/// </summary>
public sealed class Notifier(ITempDataDictionaryFactory tempData, IHttpContextAccessor http, IStringLocalizer<SharedResource> localizer)
{
    private const string SuccessKey = "Notice.Success";
    private const string ErrorKey = "Notice.Error";

    public void Success(string messageKey, params object[] arguments) => Store(SuccessKey, localizer[messageKey, arguments]);

    public void Error(string messageKey, params object[] arguments) => Store(ErrorKey, localizer[messageKey, arguments]);

    /// <summary>The notices waiting for this page; reading them uses them up.</summary>
    public static IReadOnlyList<Notice> Take(ITempDataDictionary data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var notices = new List<Notice>();
        if (data[SuccessKey] is string success)
        {
            notices.Add(new Notice(NoticeKind.Success, success));
        }

        if (data[ErrorKey] is string error)
        {
            notices.Add(new Notice(NoticeKind.Error, error));
        }

        return notices;
    }

    private void Store(string key, string text) =>
        tempData.GetTempData(http.HttpContext ?? throw new InvalidOperationException("Notices need a request."))[key] = text;
}
