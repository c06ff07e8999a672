using CoordinationPortal.Data;
using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests.Infrastructure;

/// <summary>Records that tests start from, written straight through the domain and the real store.</summary>
public static class Scenario
{
    /// <summary>
    /// Bulk data for query budgets: a submitted report of 2024 per quarter, province and agency, every
    /// line on track with each of its indicators at <paramref name="value"/>. Not yet added to a context.
    /// </summary>
    public static IEnumerable<QuarterlyReport> SubmittedReportsOf2024(Plan plan, IReadOnlyList<int> provinceIds, IReadOnlyList<int> agencyIds, IReadOnlyList<Indicator> indicators, DateTime sent, long value)
    {
        foreach (var quarter in Quarter.OfYear(2024))
        {
            foreach (var province in provinceIds)
            {
                foreach (var agency in agencyIds)
                {
                    var report = QuarterlyReport.Start(plan, quarter, province, agency, "t", sent);
                    report.Write(report.Lines.ToDictionary(l => l.ActivityId, l => new LineContent(ActivityStatus.OnTrack, "r", null, null,
                        [.. indicators.Where(i => i.ActivityId == l.ActivityId).Select(i => new IndicatorValue(i.Id, value))])), "t", sent);
                    report.Submit("t", "t", sent);
                    yield return report;
                }
            }
        }
    }

    public static readonly byte[] PdfBytes = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();

    /// <summary>Plan 468 (2024): the plan these records belong to, whatever other plans a test adds.</summary>
    public const string Plan468 = "468/KH-HLHPNVN-UBDT";

    private static readonly DateTime Morning = new(2024, 6, 10, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>A report of plan 468 by the persona's branch, brought to the given state.</summary>
    public static async Task<int> ReportAsync(this PortalFactory factory, Persona owner, Quarter quarter, ReportState state)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var account = await factory.AccountAsync(owner);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == account.Id);
        var plan = await db.Plans.Include(p => p.Activities).SingleAsync(p => p.Number == Plan468);
        var report = QuarterlyReport.Start(plan, quarter, user.ProvinceId!.Value, user.AgencyId!.Value, user.Id, Morning);
        report.Write(report.Lines.ToDictionary(l => l.ActivityId, _ => new LineContent(ActivityStatus.OnTrack, "Đã tổ chức 2 hội nghị tuyên truyền.", null, null, [])), user.FullName, Morning);
        if (state != ReportState.Draft)
        {
            report.Submit(user.Id, user.FullName, Morning.AddDays(1));
        }

        if (state is ReportState.Approved)
        {
            report.Approve("reviewer", "Người duyệt", Morning.AddDays(2));
        }

        if (state is ReportState.Returned)
        {
            report.Return("reviewer", "Người duyệt", Morning.AddDays(2), "Bổ sung số liệu");
        }

        db.QuarterlyReports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    }

    /// <summary>A progress entry by the persona's agency on the activity with the given number.</summary>
    public static async Task<int> EntryAsync(this PortalFactory factory, Persona author, int activityNumber, ActivityStatus status = ActivityStatus.OnTrack, int percent = 40)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var account = await factory.AccountAsync(author);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == account.Id);
        var planId = await db.Plans.Where(p => p.Number == Plan468).Select(p => p.Id).SingleAsync();
        var activity = await db.Activities.SingleAsync(a => a.PlanId == planId && a.Number == activityNumber);
        var entry = new ProgressEntry(activity.Id, null, user.AgencyId!.Value, user.Id, user.FullName, Morning, new ProgressContent(new DateOnly(2024, 6, 10), status, percent, "Đã họp Tổ giúp việc Dự án 8.", null, null, []));
        db.ProgressEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }

    /// <summary>A PDF attached to a progress entry or a report line, stored for real.</summary>
    public static async Task<int> FileAsync(this PortalFactory factory, EvidenceOwner owner, int ownerId, string name = "bien-ban.pdf")
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var stored = $"{Guid.NewGuid():N}.pdf";
        await scope.ServiceProvider.GetRequiredService<IFileStore>().SaveAsync(stored, new MemoryStream(PdfBytes), CancellationToken.None);
        var file = new EvidenceFile(owner, ownerId, name, stored, "application/pdf", PdfBytes.Length, "test", "Người tải", Morning);
        db.EvidenceFiles.Add(file);
        await db.SaveChangesAsync();
        return file.Id;
    }

    public static Task<int> FirstLineIdAsync(this PortalFactory factory, int reportId) =>
        factory.WithDbAsync(db => db.ReportLines.Where(l => l.ReportId == reportId).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync());

    public static Task<int> AgencyIdAsync(this PortalFactory factory, string code) =>
        factory.WithDbAsync(db => db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync());

    public static Task<int> ProvinceIdAsync(this PortalFactory factory, string code) =>
        factory.WithDbAsync(db => db.Provinces.Where(p => p.Code == code).Select(p => p.Id).FirstAsync());

    public static Task<int> ActivityIdAsync(this PortalFactory factory, int number) =>
        factory.WithDbAsync(db => db.Activities.Where(a => a.Number == number && db.Plans.Any(p => p.Id == a.PlanId && p.Number == Plan468)).Select(a => a.Id).SingleAsync());

    /// <summary>An exemption for the persona's branch, for the matrix's revoke row.</summary>
    public static async Task<int> ExemptionAsync(this PortalFactory factory, Quarter quarter)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var plan = await factory.WithDbAsync(db => db.Plans.Where(p => p.Number == Plan468).Select(p => p.Id).SingleAsync());
        var province = await factory.ProvinceIdAsync("02");
        var agency = await factory.AgencyIdAsync(AgencyCodes.Vwu);
        return await factory.WithDbAsync(async db =>
        {
            var exemption = new LockExemption(plan, quarter, province, agency, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60), "Thử", "a", "Admin", DateTime.UtcNow);
            db.LockExemptions.Add(exemption);
            await db.SaveChangesAsync();
            return exemption.Id;
        });
    }
}

/// <summary>Extension requests, asked through the domain as a province would.</summary>
public static class ExtensionScenario
{
    /// <summary>A pending request of the persona's branch for a quarter of plan 468, proposing a week from today.</summary>
    public static async Task<int> ExtensionAsync(this PortalFactory factory, Persona asker, Quarter quarter)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var account = await factory.AccountAsync(asker);
        var now = factory.AppNow.UtcDateTime;
        return await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == account.Id);
            var plan = await db.Plans.Where(p => p.Number == Scenario.Plan468).Select(p => p.Id).SingleAsync();
            var today = Domain.Calendar.VietnamTime.Today(new DateTimeOffset(now));
            var request = ExtensionRequest.Ask(plan, quarter, user.ProvinceId!.Value, user.AgencyId!.Value, null, "Cán bộ phụ trách nghỉ ốm dài ngày.", today.AddDays(7), user.Id, user.FullName, now, 30);
            db.ExtensionRequests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });
    }
}

/// <summary>Plans of other years, copied from Plan 468 through the domain, with the default calendar, published.</summary>
public static class PlanScenario
{
    public static async Task<int> PlanForYearAsync(this PortalFactory factory, int year)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return await factory.WithDbAsync(async db =>
        {
            var template = await db.Plans.Include(p => p.Programme).Include(p => p.Activities).ThenInclude(a => a.Tasks).SingleAsync(p => p.Number == Scenario.Plan468);
            var plan = template.CopyForYear(year, template.Programme, $"TEST-{year}/KH", new DateOnly(year, 3, 1));
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            foreach (var quarter in Quarter.OfYear(year))
            {
                db.ReportingPeriods.Add(ReportingPeriod.Default(plan.Id, quarter));
            }

            await db.SaveChangesAsync();
            plan.Publish(await db.ReportingPeriods.Where(p => p.PlanId == plan.Id).ToListAsync(), publishedForYear: null, "Test", DateTime.UtcNow);
            await db.SaveChangesAsync();
            return plan.Id;
        });
    }

    /// <summary>A report of a plan by a unit and branch (by codes), sent at the given instant, written straight through the domain.</summary>
    public static async Task<int> SentReportAsync(this PortalFactory factory, int planId, Quarter quarter, string provinceCode, DateOnly provinceValidOn, string agencyCode, DateTime sentAtUtc)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return await factory.WithDbAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Activities).SingleAsync(p => p.Id == planId);
            var province = (await db.Provinces.Where(p => p.Code == provinceCode).ToListAsync()).Single(p => p.IsValidOn(provinceValidOn));
            var agency = await db.Agencies.Where(a => a.Code == agencyCode).Select(a => a.Id).SingleAsync();
            var report = QuarterlyReport.Start(plan, quarter, province.Id, agency, "t", sentAtUtc.AddDays(-2));
            report.Write(report.Lines.ToDictionary(l => l.ActivityId, _ => new LineContent(ActivityStatus.OnTrack, "Đã triển khai.", null, null, [])), "t", sentAtUtc.AddDays(-1));
            report.Submit("t", "t", sentAtUtc);
            db.QuarterlyReports.Add(report);
            await db.SaveChangesAsync();
            return report.Id;
        });
    }
}
