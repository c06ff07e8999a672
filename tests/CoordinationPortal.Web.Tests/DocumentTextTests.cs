using CoordinationPortal.Web.Features.Exports;

namespace CoordinationPortal.Web.Tests;

public sealed class DocumentTextTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("Độc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc")]
    [InlineData("dòng một\u000Bdòng hai", "dòng một\ndòng hai")] // Word's Shift+Enter is a line break
    [InlineData("a\r\nb\rc\nd", "a\nb\nc\nd")]
    [InlineData("cột\tcột", "cột\tcột")]
    [InlineData("a\u0000b\u0001c\u001Fd\u007Fe\u0080f\u009Fg", "abcdefg")]
    [InlineData("trang\u000Ctrang\u2028dòng", "trang\ntrang\ndòng")]
    [InlineData("x\uFFFEy\uFFFF", "xy")]
    public void Clean_keeps_text_tabs_and_line_breaks_and_drops_what_XML_cannot_hold(string? text, string expected) =>
        Assert.Equal(expected, DocumentText.Clean(text));

    // Not as theory data: test data crossing to the runner as UTF-8 cannot carry a lone surrogate.
    [Fact]
    public void Clean_keeps_whole_surrogate_pairs_and_drops_lone_halves()
    {
        Assert.Equal("\uD83D\uDE00 vui", DocumentText.Clean("\uD83D\uDE00 vui"));
        Assert.Equal("lẻ mình", DocumentText.Clean("lẻ\uD83D mình\uDE00"));
        Assert.Equal("ab", DocumentText.Clean("a\uDE00\uD83Db"));
    }

    [Fact]
    public void Clean_returns_clean_text_as_it_is()
    {
        const string Text = "Hội Liên hiệp Phụ nữ Việt Nam\nỦy ban Dân tộc";
        Assert.Same(Text, DocumentText.Clean(Text));
    }

    [Theory]
    // Widths measured with Liberation Serif (Times New Roman's metrics), in ems.
    [InlineData("Độc lập - Tự do - Hạnh phúc", true, 12.242)]
    [InlineData("Độc lập - Tự do - Hạnh phúc", false, 11.566)]
    [InlineData("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, 20.862)]
    [InlineData("HỘI LIÊN HIỆP PHỤ NỮ", true, 11.464)]
    [InlineData("Kết quả thực hiện Chương trình phối hợp năm 2024", true, 22.285)]
    [InlineData("Người dân tộc thiểu số được hưởng lợi", false, 15.545)]
    public void Width_matches_Times_New_Roman(string text, bool bold, double ems) =>
        Assert.InRange(DocumentText.Width(text, bold), ems * 0.99, ems * 1.01);

    [Fact]
    public void LineCount_wraps_at_spaces_counts_line_breaks_and_breaks_words_wider_than_the_column()
    {
        Assert.Equal(1, DocumentText.LineCount(string.Empty, 10));
        Assert.Equal(1, DocumentText.LineCount("nhà nhà", 10));
        Assert.Equal(2, DocumentText.LineCount("nhà nhà", 2.5)); // "nhà" is 1.444 em, two with a space 3.138
        Assert.Equal(3, DocumentText.LineCount("a\n\nb", 10));
        Assert.Equal(3, DocumentText.LineCount(new string('m', 25), 8)); // 25 x 0.778 em = 19.45 em
    }
}
