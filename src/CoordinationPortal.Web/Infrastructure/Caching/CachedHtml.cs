using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace CoordinationPortal.Web.Infrastructure.Caching;

/// <summary>
/// A page's shared content as cached: HTML that a view rendered inside its &lt;cached-fragment&gt;
/// (every text in it encoded by Razor then), read back only from the portal's own cache store.
/// Only <see cref="FragmentCache"/> makes one, so no other string can reach a view as markup.
/// </summary>
public sealed class CachedHtml
{
    internal CachedHtml(string renderedHtml) => Html = new Content(renderedHtml);

    public IHtmlContent Html { get; }

    // Asynchronous content is written to the response as it is. Plain IHtmlContent is first copied,
    // synchronously, into pooled 1K-character pages and only then to the response: for the cached
    // dashboard (200 KB) that copy took a sixth of the request's CPU (issue 14).
    private sealed class Content(string html) : IHtmlAsyncContent
    {
        public void WriteTo(TextWriter writer, System.Text.Encodings.Web.HtmlEncoder encoder)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.Write(html);
        }

        public ValueTask WriteToAsync(TextWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            return new ValueTask(writer.WriteAsync(html));
        }
    }
}

/// <summary>
/// The parts every fragment key has (ADR 0048): what it is, the build (a node of a new version never
/// serves an entry an old one rendered: Redis outlives the processes), the tag's generation and the
/// language; then the parts the page itself depends on.
/// </summary>
public static class FragmentKey
{
    /// <summary>Where a controller leaves the key for its view's &lt;cached-fragment&gt;.</summary>
    public const string ViewDataKey = "FragmentKey";

    private static readonly string Version = typeof(FragmentKey).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];
    private static readonly ConcurrentDictionary<Type, System.Reflection.PropertyInfo[]> Properties = new();

    public static string Of(string kind, string generation, params IEnumerable<string> parts) =>
        string.Join('|', [kind, Version, generation, CultureInfo.CurrentUICulture.Name, .. parts]);

    /// <summary>Every readable property of a filter, so that a filter property added later varies the key without anyone remembering to.</summary>
    public static string PropertiesOf(object filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var properties = Properties.GetOrAdd(filter.GetType(), type =>
            [.. type.GetProperties().Where(p => p.CanRead).OrderBy(p => p.Name, StringComparer.Ordinal)]);
        return string.Join('&', properties.Select(p => p.Name + "=" + Convert.ToString(p.GetValue(filter), CultureInfo.InvariantCulture)));
    }
}
