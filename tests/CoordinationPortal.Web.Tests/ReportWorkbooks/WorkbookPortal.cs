using CoordinationPortal.Data;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests.ReportWorkbooks;

/// <summary>
/// The portal on 10/06/2024 (Q2/2024 open for drafts) with Hà Giang VWU's Q2 draft written in
/// Vietnamese with diacritics, a status and an indicator value; Cao Bằng CEMA's Q2 report is submitted.
/// </summary>
public sealed class WorkbookPortal : PortalFactory
{
    public static readonly Quarter Q2 = new(2024, 2);

    public const string Results = "Đã tổ chức 3 hội nghị tuyên truyền ở xã Lũng Cú; 250 lượt người tham dự.";
    public const string Difficulties = "Đường đi lại khó khăn, mưa lũ kéo dài.";
    public const string Proposals = "Đề nghị Trung ương hỗ trợ tài liệu tiếng Mông.";
    public const string Reason = "Chờ hướng dẫn của Ủy ban Dân tộc.";
    public const long Value = 1_234_567;

    private readonly Lazy<Task<Facts>> _facts;

    public WorkbookPortal()
    {
        ConfigureServices = services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2024, 6, 10, 1, 0, 0, TimeSpan.Zero)));
        _facts = new(SeedAsync);
    }

    /// <summary>The draft (its first line has the texts and the value, its second only a reason) and the submitted report.</summary>
    public sealed record Facts(int DraftId, int DraftVersion, int FirstActivityId, int FirstActivityNumber, int SecondActivityId, int IndicatorId, int SubmittedId);

    public Task<Facts> FactsAsync() => _facts.Value;

    private async Task<Facts> SeedAsync()
    {
        var submitted = await this.ReportAsync(Persona.ProvincialCaoBangCema, Q2, ReportState.Submitted);
        var account = await AccountAsync(Persona.ProvincialHaGiangVwu);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == account.Id);
        var plan = await db.Plans.Include(p => p.Activities).SingleAsync(p => p.Number == Scenario.Plan468);
        var now = new DateTime(2024, 6, 10, 1, 0, 0, DateTimeKind.Utc);
        var report = QuarterlyReport.Start(plan, Q2, user.ProvinceId!.Value, user.AgencyId!.Value, user.Id, now);
        var ordered = report.Lines.Select(l => plan.Activities.Single(a => a.Id == l.ActivityId)).OrderBy(a => a.Number).ToList();
        var first = ordered[0];
        var second = ordered[1];
        var indicator = await db.Indicators.Where(i => i.ActivityId == first.Id && !i.IsRetired).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).Select(i => i.Id).FirstAsync();
        report.Write(
            new Dictionary<int, LineContent>
            {
                [first.Id] = new(ActivityStatus.AtRisk, Results, Difficulties, Proposals, [new IndicatorValue(indicator, Value)]),
                [second.Id] = new(null, null, null, null, [], Reason),
            },
            user.FullName,
            now);
        db.QuarterlyReports.Add(report);
        await db.SaveChangesAsync();
        return new Facts(report.Id, report.Version, first.Id, first.Number, second.Id, indicator, submitted);
    }
}
