using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

public static class Navigation
{
    /// <summary>
    /// Waits until the page is at the address and fully loaded. Playwright's own WaitForURL waits for
    /// the "load" event and, on a busy CI machine, once missed one that had fired during a redirect
    /// (30 s timeout with the page already loaded); polling document.readyState cannot miss it.
    /// </summary>
    public static async Task ArriveAtAsync(this IPage page, Regex url)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
    }

    /// <inheritdoc cref="ArriveAtAsync(IPage, Regex)"/>
    public static async Task ArriveAtAsync(this IPage page, string glob)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForURLAsync(glob, new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
    }
}
