using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// A report handed back after approval is shown to the province as reopened, with the reason, on
/// the report, its edit page and "my reports"; a report returned from review still says so.
/// </summary>
public sealed class HonestStatesTests : IAsyncDisposable
{
    private static readonly Quarter Q2 = new(2024, 2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 12, 1, 0, 0, TimeSpan.Zero));
    private readonly PortalFactory _factory = new();

    public HonestStatesTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_reopened_report_is_shown_to_the_province_as_reopened_with_the_reason_not_as_returned()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Approved);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync($"/reports/{reportId}");
        using (await central.PostFormAsync($"/reports/{reportId}/reopen", page, new() { ["Confirmed"] = "true", ["Comment"] = "Số liệu kinh phí chưa khớp với quyết toán" }))
        {
        }

        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var edit = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        Assert.Equal("Đã mở lại để sửa", edit.QuerySelector("[data-report-state]")!.Text());
        var notice = edit.QuerySelector("[data-handed-back]")!;
        Assert.Equal("reopened", notice.GetAttribute("data-handed-back"));
        Assert.Contains("mở lại báo cáo đã duyệt lúc", notice.Text(), StringComparison.Ordinal);
        Assert.Contains("Số liệu kinh phí chưa khớp với quyết toán", notice.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("Bị trả lại", edit.QuerySelector("main")!.Text(), StringComparison.Ordinal);

        var report = await province.GetDocumentAsync($"/reports/{reportId}");
        Assert.Equal("Đã mở lại để sửa", report.QuerySelector("[data-report-state]")!.Text());

        var mine = await province.GetDocumentAsync("/reports/mine");
        Assert.Equal("Đã mở lại để sửa", mine.QuerySelector($"tr[data-quarter='{Q2}'] [data-report-state]")!.Text());
    }

    [Fact]
    public async Task A_report_returned_from_review_is_still_shown_as_returned()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Returned);
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        var edit = await province.GetDocumentAsync($"/reports/{reportId}/edit");

        Assert.Equal("Bị trả lại", edit.QuerySelector("[data-report-state]")!.Text());
        Assert.Equal("returned", edit.QuerySelector("[data-handed-back]")!.GetAttribute("data-handed-back"));
    }
}
