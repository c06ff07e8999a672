namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// Where sign-in leads back to when a form was posted after the session ended: the page the form was
/// on (the Referer, when it is this portal's own page), never the POST's URL, which may answer a GET
/// with 404 or 405, and never another site.
/// </summary>
public static class SignInReturn
{
    /// <summary>Query parameter of the sign-in page: the session ended (the page says so).</summary>
    public const string ExpiredParameter = "expired";

    public static string FormPage(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fallback = request.PathBase.HasValue ? request.PathBase.Value! : "/";
        if (!Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            || !string.Equals(referer.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(referer.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return fallback;
        }

        var local = referer.PathAndQuery;
        return IsLocal(local) && local.StartsWith(fallback, StringComparison.Ordinal) ? local : fallback;
    }

    /// <summary>The test Url.IsLocalUrl makes: one leading slash, no scheme-relative "//" or "/\".</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
