using System.Globalization;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Web.Features.Plans;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>How dates, quarters and names read on a page, in the current UI language.</summary>
public static class Display
{
    /// <summary>dd/MM/yyyy in both languages: the format officers write by hand.</summary>
    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>An instant as the clock on the wall in Vietnam showed it: "29/11/2026 14:05".</summary>
    public static string DateTime(System.DateTime utc) =>
        VietnamTime.FromUtc(utc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static bool English => CultureInfo.CurrentUICulture.IsEnglish();

    /// <summary>A whole number in Vietnamese style: 1.234.567.</summary>
    public static string Number(long value) => value.ToString("#,0", LocalizationSetup.FormatCulture);

    /// <summary>Dong as Vietnamese documents write them: 1.234.567 ₫.</summary>
    public static string Vnd(long value) => value.ToString("C0", LocalizationSetup.FormatCulture);

    /// <summary>A whole percentage as the rest of the pages write shares: 85%, 1.250%.</summary>
    public static string Percent(int wholePercent) => (wholePercent / 100m).ToString("P0", LocalizationSetup.FormatCulture);

    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{Math.Round(bytes / 1024.0).ToString(LocalizationSetup.FormatCulture)} KB",
        _ => $"{(bytes / 1024.0 / 1024.0).ToString("0.0", LocalizationSetup.FormatCulture)} MB",
    };

    /// <summary>A long value cut for a table cell ("∅" for none); the full text goes in a title.</summary>
    public static string Shorten(string? value, int max = 160) =>
        value is null ? "∅" : value.Length <= max ? value : string.Concat(value.AsSpan(0, max), "…");

    public static string Name(this AgencyView agency) => English ? agency.EnglishName : agency.Name;

    public static string Quarter(this IStringLocalizer l, Quarter quarter) =>
        l["Window.Single", quarter.Roman, quarter.Year, quarter.Number];

    /// <summary>"Quý II – IV/2024", "Quý IV/2024 (dự kiến tháng 10)"; "Q2–Q4 2024", "Q4 2024 (expected October)".</summary>
    public static string Window(this IStringLocalizer l, QuarterWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var text = window.First == window.Last
            ? l.Quarter(window.First)
            : l["Window.Range", window.First.Roman, window.Last.Roman, window.Last.Year, window.First.Number, window.Last.Number].Value;
        if (window.ExpectedMonth is { } month)
        {
            var monthName = LocalizationSetup.English.DateTimeFormat.GetMonthName(month);
            text += " " + l["Window.Expected", month, window.Last.Year, monthName];
        }

        return text;
    }

    /// <summary>The date line of a Vietnamese administrative document: "Hà Nội, ngày 21 tháng 3 năm 2024".</summary>
    public static string DateLine(this IStringLocalizer l, string place, DateOnly date) =>
        l["Plan.DateLine", place, date.Day, date.Month, date.Year, Date(date)];
}
