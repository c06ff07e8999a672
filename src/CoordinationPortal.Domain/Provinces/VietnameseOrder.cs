using System.Globalization;

namespace CoordinationPortal.Domain.Provinces;

/// <summary>
/// Vietnamese alphabetical order (a, ă, â, b, c, d, đ, e, ê...; tones after the letter), as an
/// officer expects a list of provinces to run. A database's binary order puts "Đà Nẵng" after
/// "Yên Bái" and "Bạc Liêu" after "Bình Định", so names are sorted with this in memory.
/// </summary>
public static class VietnameseOrder
{
    public static StringComparer Names { get; } = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: false);
}
