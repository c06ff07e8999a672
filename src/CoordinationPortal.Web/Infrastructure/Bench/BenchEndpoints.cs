using System.Collections.Concurrent;
using System.Text;

namespace CoordinationPortal.Web.Infrastructure.Bench;

/// <summary>
/// The benchmark's baseline: a page of a given size that costs nothing to make, served through
/// the same pipeline as real pages (headers, compression, cookie sign-in, authorization), so the
/// ratio bench/run.sh prints is what the portal's own work costs. Mapped only when
/// Bench:Enabled is true, which only bench/run.sh sets.
/// </summary>
public static class BenchEndpoints
{
    public const string ConfigurationKey = "Bench:Enabled";
    private const int MaxBytes = 4 * 1024 * 1024;
    private static readonly ConcurrentDictionary<int, byte[]> Pages = new();

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>(ConfigurationKey);

    public static IEndpointRouteBuilder MapBenchEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // No AllowAnonymous: the fallback policy requires a signed-in user, as for every real page.
        endpoints.MapGet("/bench/fixed/{bytes:int}", (int bytes) =>
            bytes is < 1 or > MaxBytes
                ? Results.BadRequest()
                : Results.Bytes(Pages.GetOrAdd(bytes, FixedPage), "text/html; charset=utf-8"));
        return endpoints;
    }

    /// <summary>HTML of exactly the given size (ASCII, so cutting it leaves it valid), table rows like a real page's.</summary>
    private static byte[] FixedPage(int bytes)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"vi\"><body><table>", bytes + 64);
        for (var row = 0; html.Length < bytes; row++)
        {
            html.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"<tr><th scope=\"row\">Province {row}</th><td>{row * 37 % 1000}</td><td>{row * 13 % 100}%</td></tr>");
        }

        var page = Encoding.UTF8.GetBytes(html.ToString());
        Array.Resize(ref page, bytes);
        return page;
    }
}
