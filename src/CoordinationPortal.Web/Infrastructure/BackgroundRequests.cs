namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// A request sent by a page's script without leaving the page (js/evidence.js, js/autosave.js).
/// It carries the header the cookie handler already knows, so a signed-out background request gets
/// 401 instead of the sign-in page, and the script can say so while the typed text stays on screen.
/// </summary>
public static class BackgroundRequests
{
    public const string Header = "X-Requested-With";

    public const string Value = "XMLHttpRequest";

    public static bool IsBackground(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Equals(request.Headers[Header], Value, StringComparison.Ordinal);
    }
}
