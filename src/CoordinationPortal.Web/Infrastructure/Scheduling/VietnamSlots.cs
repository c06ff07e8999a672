using CoordinationPortal.Domain.Calendar;

namespace CoordinationPortal.Web.Infrastructure.Scheduling;

/// <summary>Wall-clock slots in Vietnam time ("07:00 every day", "08:00 on Mondays") as UTC instants.</summary>
public static class VietnamSlots
{
    /// <summary>The first <paramref name="time"/> (Vietnam) strictly after <paramref name="afterUtc"/>.</summary>
    public static DateTime NextDaily(DateTime afterUtc, TimeOnly time)
    {
        var local = VietnamTime.FromUtc(afterUtc);
        var day = DateOnly.FromDateTime(local);
        var slot = VietnamTime.ToUtc(day.ToDateTime(time));
        return slot > afterUtc ? slot : VietnamTime.ToUtc(day.AddDays(1).ToDateTime(time));
    }

    /// <summary>The first <paramref name="day"/> at <paramref name="time"/> (Vietnam) strictly after <paramref name="afterUtc"/>.</summary>
    public static DateTime NextWeekly(DateTime afterUtc, DayOfWeek day, TimeOnly time)
    {
        var slot = NextDaily(afterUtc, time);
        while (VietnamTime.FromUtc(slot).DayOfWeek != day)
        {
            slot = NextDaily(slot, time);
        }

        return slot;
    }
}
