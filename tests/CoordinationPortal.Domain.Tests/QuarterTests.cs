using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Tests;

public sealed class QuarterTests
{
    [Theory]
    [InlineData(2024, 1, 1, 1)]
    [InlineData(2024, 3, 31, 1)]
    [InlineData(2024, 4, 1, 2)]
    [InlineData(2024, 6, 30, 2)]
    [InlineData(2024, 7, 1, 3)]
    [InlineData(2024, 9, 30, 3)]
    [InlineData(2024, 10, 1, 4)]
    [InlineData(2024, 12, 31, 4)]
    public void Quarter_of_a_date_follows_the_calendar_months(int year, int month, int day, int expected)
    {
        var quarter = Quarter.Of(new DateOnly(year, month, day));

        Assert.Equal(new Quarter(year, expected), quarter);
    }

    [Fact]
    public void A_quarter_runs_from_its_first_to_its_last_day_inclusive()
    {
        var q1Leap = new Quarter(2024, 1);

        Assert.Equal(new DateOnly(2024, 1, 1), q1Leap.FirstDay);
        Assert.Equal(new DateOnly(2024, 3, 31), q1Leap.LastDay);
        Assert.True(q1Leap.Contains(new DateOnly(2024, 2, 29)));
        Assert.False(q1Leap.Contains(new DateOnly(2024, 4, 1)));
        Assert.False(q1Leap.Contains(new DateOnly(2023, 12, 31)));
        Assert.Equal(new DateOnly(2024, 12, 31), new Quarter(2024, 4).LastDay);
    }

    [Fact]
    public void A_range_of_quarters_crosses_the_year_boundary()
    {
        var range = Quarter.Range(new Quarter(2024, 3), new Quarter(2025, 2)).Select(q => q.ToString()).ToList();

        Assert.Equal(["Q3/2024", "Q4/2024", "Q1/2025", "Q2/2025"], range);
    }

    [Fact]
    public void A_year_has_four_quarters_in_order()
    {
        Assert.Equal([1, 2, 3, 4], Quarter.OfYear(2025).Select(q => q.Number));
        Assert.All(Quarter.OfYear(2025), q => Assert.Equal(2025, q.Year));
    }

    [Fact]
    public void A_range_that_ends_before_it_starts_is_refused()
    {
        Assert.Throws<DomainRuleException>(() => Quarter.Range(new Quarter(2025, 1), new Quarter(2024, 4)).ToList());
    }

    [Theory]
    [InlineData(2024, 4, 1, 2025, 1)]
    [InlineData(2024, 1, -1, 2023, 4)]
    [InlineData(2024, 2, 8, 2026, 2)]
    [InlineData(2024, 3, -7, 2022, 4)]
    public void Adding_quarters_carries_into_the_next_or_previous_year(int year, int number, int add, int expectedYear, int expectedNumber)
    {
        Assert.Equal(new Quarter(expectedYear, expectedNumber), new Quarter(year, number).AddQuarters(add));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_quarter_number_outside_1_to_4_is_refused(int number)
    {
        Assert.Throws<DomainRuleException>(() => new Quarter(2024, number));
    }

    [Fact]
    public void Quarters_compare_by_year_then_number_and_survive_a_round_trip_through_their_key()
    {
        var q = new Quarter(2024, 4);

        Assert.True(q < new Quarter(2025, 1));
        Assert.True(new Quarter(2024, 2) > new Quarter(2023, 4));
        Assert.Equal(20244, q.Key);
        Assert.Equal(q, Quarter.FromKey(q.Key));
        Assert.Equal("IV", q.Roman);
    }
}
