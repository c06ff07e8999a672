using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Reporting;

namespace CoordinationPortal.Domain.Tests;

public sealed class ReportingCalendarTests
{
    [Theory]
    [InlineData(1, "15/12/2023", "14/03/2024", "20/03/2024")]
    [InlineData(2, "15/03/2024", "14/06/2024", "20/06/2024")]
    [InlineData(3, "15/06/2024", "14/09/2024", "20/09/2024")]
    [InlineData(4, "15/09/2024", "14/12/2024", "20/12/2024")]
    public void The_default_calendar_follows_Decree_09_2019(int quarter, string from, string to, string due)
    {
        var period = ReportingPeriod.Default(1, new Quarter(2024, quarter));

        Assert.Equal(from, period.DataFrom.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(to, period.DataTo.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(due, period.DueOn.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_report_is_on_time_until_the_last_minute_of_the_due_date_in_Vietnam()
    {
        var period = ReportingPeriod.Default(1, new Quarter(2024, 2)); // due 20/06/2024

        // 23:59:59 in Hà Nội on the 20th is 16:59:59 UTC; midnight is 17:00 UTC.
        Assert.True(period.IsOnTime(new DateTime(2024, 6, 20, 16, 59, 59, DateTimeKind.Utc)));
        Assert.False(period.IsOnTime(new DateTime(2024, 6, 20, 17, 0, 0, DateTimeKind.Utc)));
        Assert.True(period.IsOnTime(new DateTime(2024, 6, 20, 23, 0, 0, DateTimeKind.Utc).AddHours(-7)));
    }

    [Fact]
    public void A_quarter_locks_the_given_number_of_days_after_its_due_date_in_Vietnam()
    {
        var period = ReportingPeriod.Default(1, new Quarter(2024, 2), lockAfterDays: 10); // due 20/06, last open day 30/06

        Assert.False(period.IsLocked(new DateTimeOffset(2024, 6, 30, 16, 59, 0, TimeSpan.Zero))); // 23:59 on 30/06 in Vietnam
        Assert.True(period.IsLocked(new DateTimeOffset(2024, 6, 30, 17, 0, 0, TimeSpan.Zero))); // 00:00 on 01/07 in Vietnam
        Assert.Equal(new DateOnly(2024, 7, 1), period.LocksOn);
    }

    [Fact]
    public void An_exemption_opens_a_locked_quarter_until_its_last_day_or_until_revoked()
    {
        var exemption = new LockExemption(1, new Quarter(2024, 2), 2, 1, new DateOnly(2024, 7, 15), "Lũ lụt", "a1", "Admin", new DateTime(2024, 7, 2, 3, 0, 0, DateTimeKind.Utc));

        Assert.True(exemption.IsActive(new DateTimeOffset(2024, 7, 15, 16, 0, 0, TimeSpan.Zero)));
        Assert.False(exemption.IsActive(new DateTimeOffset(2024, 7, 15, 17, 0, 0, TimeSpan.Zero)));
        exemption.Revoke(DateTime.UtcNow);
        Assert.False(exemption.IsActive(new DateTimeOffset(2024, 7, 10, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_calendar_with_dates_out_of_order_is_refused()
    {
        var period = ReportingPeriod.Default(1, new Quarter(2024, 3));

        Assert.Throws<DomainRuleException>(() => period.Set(new DateOnly(2024, 9, 14), new DateOnly(2024, 6, 15), new DateOnly(2024, 9, 20), 15));
        Assert.Throws<DomainRuleException>(() => period.Set(new DateOnly(2024, 6, 15), new DateOnly(2024, 9, 14), new DateOnly(2024, 9, 1), 15));
        Assert.Throws<DomainRuleException>(() => period.Set(new DateOnly(2024, 6, 15), new DateOnly(2024, 9, 14), new DateOnly(2024, 9, 20), -1));
    }
}
