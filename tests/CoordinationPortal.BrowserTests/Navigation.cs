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

    /// <summary>
    /// Clicks something that loads a new page (a form post, a link) and waits until the next
    /// document, wherever it is (a redirect, or the same form shown again with errors), has loaded.
    /// The old document is marked first, so its own "complete" state cannot be mistaken for the new one.
    /// </summary>
    public static async Task ClickAndWaitForNextPageAsync(this ILocator target)
    {
        ArgumentNullException.ThrowIfNull(target);
        await target.Page.EvaluateAsync("() => { window.__portalLeaving = true; }");
        await target.ClickAsync();
        await target.Page.WaitForFunctionAsync("() => !window.__portalLeaving && document.readyState === 'complete'");
    }
}
