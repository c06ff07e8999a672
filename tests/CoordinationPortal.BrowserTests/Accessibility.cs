using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

public static class Accessibility
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>Runs axe-core on the page and fails with a readable list of WCAG 2.1 AA violations.</summary>
    public static async Task AssertNoAxeViolationsAsync(this IPage page)
    {
        var result = await page.RunAxe(WcagAa);
        var problems = result.Violations
            .SelectMany(v => v.Nodes.Select(n => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(' ', n.Target)}"))
            .ToList();
        Assert.True(problems.Count == 0, $"axe found {problems.Count} WCAG 2.1 AA problem(s) on {page.Url}:\n" + string.Join('\n', problems));
    }
}
