using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Tests;

public sealed class QuarterWindowTests
{
    private static readonly QuarterWindow Q2ToQ4 = new(new Quarter(2024, 2), new Quarter(2024, 4));

    [Theory]
    [InlineData(2024, 3, 31, false)]
    [InlineData(2024, 4, 1, true)]
    [InlineData(2024, 12, 31, true)]
    [InlineData(2025, 1, 1, false)]
    public void A_window_contains_the_days_of_its_quarters(int year, int month, int day, bool expected)
    {
        Assert.Equal(expected, Q2ToQ4.Contains(new DateOnly(year, month, day)));
    }

    [Fact]
    public void A_window_lists_and_contains_its_quarters()
    {
        Assert.Equal(["Q2/2024", "Q3/2024", "Q4/2024"], Q2ToQ4.Quarters.Select(q => q.ToString()));
        Assert.False(Q2ToQ4.Contains(new Quarter(2024, 1)));
        Assert.True(Q2ToQ4.Contains(new Quarter(2024, 3)));
    }

    [Fact]
    public void A_window_has_ended_only_after_its_last_day()
    {
        Assert.False(Q2ToQ4.HasEndedBy(new DateOnly(2024, 12, 31)));
        Assert.True(Q2ToQ4.HasEndedBy(new DateOnly(2025, 1, 1)));
        Assert.False(Q2ToQ4.HasStartedBy(new DateOnly(2024, 3, 31)));
    }

    [Fact]
    public void The_expected_month_must_fall_inside_the_window()
    {
        var october = new QuarterWindow(new Quarter(2024, 4), new Quarter(2024, 4), expectedMonth: 10);

        Assert.Equal(10, october.ExpectedMonth);
        Assert.Throws<DomainRuleException>(() => new QuarterWindow(new Quarter(2024, 4), new Quarter(2024, 4), expectedMonth: 6));
        Assert.Throws<DomainRuleException>(() => new QuarterWindow(new Quarter(2024, 4), new Quarter(2024, 4), expectedMonth: 13));
    }

    [Fact]
    public void A_window_that_ends_before_it_starts_is_refused()
    {
        Assert.Throws<DomainRuleException>(() => new QuarterWindow(new Quarter(2024, 3), new Quarter(2024, 2)));
    }
}
