namespace CoordinationPortal.Domain.Calendar;

/// <summary>
/// Vietnam's clock (Asia/Ho_Chi_Minh, UTC+7, no daylight saving since 1975). Deadlines are set
/// and read in Vietnam time; instants are stored in UTC.
/// </summary>
public static class VietnamTime
{
    public const string TimeZoneId = "Asia/Ho_Chi_Minh";

    public static TimeZoneInfo Zone { get; } = FindZone();

    public static DateTime FromUtc(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateTime ToUtc(DateTime vietnamTime) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(vietnamTime, DateTimeKind.Unspecified), Zone);

    /// <summary>The calendar day in Vietnam at the given instant.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(FromUtc(now.UtcDateTime));

    // A machine without time-zone data still gets the right answer: the offset has been fixed since 1975.
    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(TimeZoneId, TimeSpan.FromHours(7), "Indochina Time", "Indochina Time");
        }
    }
}
