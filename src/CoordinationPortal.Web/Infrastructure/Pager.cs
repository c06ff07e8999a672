namespace CoordinationPortal.Web.Infrastructure;

/// <summary>Previous / "page 2 of 9" / next links; <paramref name="UrlWithoutPage"/> ends with "page=".</summary>
public sealed record Pager(int Page, int PageCount, string UrlWithoutPage)
{
    public string UrlOf(int page) => UrlWithoutPage + page.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
