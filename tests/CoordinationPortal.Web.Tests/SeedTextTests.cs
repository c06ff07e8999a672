using System.Text.RegularExpressions;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>The plan in the database is the signed text, word for word.</summary>
public sealed partial class SeedTextTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>
    /// The source with the two documented edits applied: "UBND" where CEMA (UBDT) is meant, and
    /// line breaks inside a sentence folded into spaces.
    /// </summary>
    private static readonly string Source = Fold(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Source", "plan-468-2024.vi.txt")).Replace("UBND", "UBDT", StringComparison.Ordinal));

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    private static string Fold(string text) => WhiteSpace().Replace(text, " ");

    [Fact]
    public async Task Every_text_of_plan_468_in_the_database_is_found_in_the_signed_source()
    {
        var texts = await factory.WithDbAsync(async db =>
        {
            var plan = await db.Plans.AsNoTracking()
                .Include(p => p.Programme)
                .Include(p => p.Activities).ThenInclude(a => a.Tasks)
                .SingleAsync(TestContext.Current.CancellationToken);
            return new[] { plan.Title, plan.Preamble, plan.FundingText, plan.Place, plan.Programme.Title }
                .Concat(plan.Purposes.Select(p => p.Text))
                .Concat(plan.Duties.Select(d => d.Text))
                .Concat(plan.Recipients.Select(r => r.Text))
                .Concat(plan.Signatories.SelectMany(s => new[] { s.AgencyHeading, s.AuthorityLine!, s.TitleLine, s.FullName }))
                .Concat(plan.Activities.SelectMany(a => new[] { a.Title, a.ScheduleText, a.Content, a.Form }.OfType<string>()))
                .Concat(plan.Activities.SelectMany(a => a.Statements.Select(s => s.Text)))
                .Concat(plan.Activities.SelectMany(a => a.Tasks.Select(t => t.Text)))
                .ToList();
        });

        Assert.True(texts.Count > 40, $"expected the whole plan, got {texts.Count} texts");
        Assert.All(texts, text => Assert.Contains(text, Source, StringComparison.Ordinal));
        Assert.DoesNotContain(texts, text => text.Contains("UBND", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_seven_activities_have_the_task_counts_of_the_plan()
    {
        var counts = await factory.WithDbAsync(db => db.Activities.AsNoTracking()
            .OrderBy(a => a.Number)
            .Select(a => a.Tasks.Count)
            .ToListAsync(TestContext.Current.CancellationToken));

        // 1: two tasks; 2: content + form, no bullets; 3, 6: agency statements; 4: five; 5: three; 7: two deliverables.
        Assert.Equal([2, 0, 0, 5, 3, 0, 2], counts);
    }
}
