using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// The shared resource's texts, looked up once per UI language and key and then kept for the life of
/// the process. A page asks for the same labels many times (the report form about 150 look-ups, most
/// of them the same few per line), and each ResourceManager look-up takes a lock that the requests
/// served at once queue on. The texts are compiled into the app, so a kept one never goes stale. Only
/// texts that exist are kept (their number is the resource file's), so a key made from input cannot
/// grow the cache. Arguments are formatted as ResourceManagerStringLocalizer does (current culture).
/// </summary>
public sealed class CachedSharedLocalizer(IStringLocalizerFactory factory) : IStringLocalizer<SharedResource>
{
    private readonly IStringLocalizer _inner = factory.Create(typeof(SharedResource));
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _texts = new();

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var key = (CultureInfo.CurrentUICulture.Name, name);
            if (_texts.TryGetValue(key, out var kept))
            {
                return kept;
            }

            var text = _inner[name];
            if (!text.ResourceNotFound)
            {
                _texts.TryAdd(key, text);
            }

            return text;
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _inner.GetAllStrings(includeParentCultures);
}
