using CoordinationPortal.Data;
using CoordinationPortal.Data.Auditing;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Infrastructure.Demo;

/// <summary>What the demo data run made; <see cref="RealPlanYears"/> are years left to their real plan, without made-up reports.</summary>
public sealed record DemoSummary(int Plans, int Reports, int ProgressEntries, int Values, IReadOnlyList<int> RealPlanYears);

/// <summary>
/// A realistic data set for demonstrations and benchmarks, never part of the real seed: for the
/// most recent years up to the current one, a published demo plan per year (numbered "DEMO-…",
/// copied from the plan before it as users copy plans), progress entries on every activity, and
/// quarterly reports from every unit and both branches for the quarters already due, with a mix of
/// on time, late, missing, draft, returned and approved, with indicator values. A year that has a
/// real plan (2024: Plan 468) keeps it untouched: no demo plan beside it and no made-up reports in
/// it. Years after the real programme (2021-2025) belong to a demo programme. The same seed gives
/// the same data.
/// </summary>
public sealed class DemoDataSeeder
{
    public const string DemoProgrammeNumber = "DEMO-CTPH/2026-2030";

    private readonly PortalDbContext db;

    private DemoDataSeeder(PortalDbContext db)
    {
        this.db = db;
    }

    private const string DemoAuthor = "demo";

    private static readonly string[] Results =
    [
        "Tổ chức {0} buổi tuyên truyền lồng ghép tại thôn, bản; phát tờ rơi song ngữ.",
        "Phối hợp với Đồn Biên phòng tổ chức {0} hội nghị về phòng chống tảo hôn, hôn nhân cận huyết thống.",
        "Duy trì {0} câu lạc bộ \"Thủ lĩnh của sự thay đổi\" tại các trường dân tộc nội trú.",
        "Tập huấn {0} lớp cho cán bộ Hội cơ sở về thúc đẩy bình đẳng giới.",
        "Biểu dương {0} mô hình phụ nữ dân tộc thiểu số phát triển kinh tế tiêu biểu.",
        "Rà soát, tổng hợp {0} kiến nghị của hội viên gửi cấp ủy, chính quyền địa phương.",
    ];

    private static readonly string[] Difficulties =
    [
        "Địa bàn rộng, giao thông đi lại khó khăn vào mùa mưa.",
        "Kinh phí phân bổ chậm so với kế hoạch.",
        "Một bộ phận đồng bào chưa thông thạo tiếng phổ thông.",
        "Cán bộ Hội cơ sở thường xuyên thay đổi.",
    ];

    private static readonly string[] Proposals =
    [
        "Đề nghị Trung ương bổ sung tài liệu tuyên truyền bằng tiếng dân tộc.",
        "Đề nghị sớm phân bổ kinh phí Dự án 8 ngay từ đầu năm.",
        "Đề nghị tăng cường tập huấn kỹ năng truyền thông cho cán bộ cơ sở.",
    ];

    /// <summary>
    /// Generates the data through a context of its own whose saves the audit trail records as one
    /// summary each (how many rows of each kind), not a line per made-up row: docs/decisions/0013.
    /// </summary>
    public static async Task<DemoSummary> SeedAsync(IServiceProvider services, int years, int seed, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var db = new PortalDbContext(services.GetRequiredService<DbContextOptions<PortalDbContext>>()).ActingFor(DemoDataAuditContext.Instance, services.GetRequiredService<TimeProvider>());
        return await new DemoDataSeeder(db).SeedAsync(years, seed, now, ct);
    }

    /// <summary>The <paramref name="years"/> most recent years up to the current one (Vietnam time), oldest first.</summary>
    public static IReadOnlyList<int> YearsUpTo(int currentYear, int years) => [.. Enumerable.Range(currentYear - years + 1, years)];

    private async Task<DemoSummary> SeedAsync(int years, int seed, DateTimeOffset now, CancellationToken ct)
    {
        var random = new Random(seed);
        var today = VietnamTime.Today(now);
        var realYears = await db.Plans.Where(p => p.State == PlanState.Published && !p.Number.StartsWith(DemoPrefix)).Select(p => p.Year).Distinct().ToListAsync(ct);
        var plans = new List<Plan>();
        foreach (var year in YearsUpTo(today.Year, years).Where(y => !realYears.Contains(y)))
        {
            plans.Add(await DemoPlanAsync(year, random, ct));
        }

        var provinces = await db.Provinces.AsNoTracking().ToListAsync(ct);
        var agencies = await db.Agencies.AsNoTracking().Select(a => a.Id).ToListAsync(ct);
        int reports = 0, entries = 0, values = 0;
        foreach (var plan in plans.OrderBy(p => p.Year))
        {
            var indicators = await db.Indicators.AsNoTracking().Where(i => plan.Activities.Select(a => a.Id).Contains(i.ActivityId) && !i.IsRetired).ToListAsync(ct);
            var periods = await db.ReportingPeriods.AsNoTracking().Where(p => p.PlanId == plan.Id).ToListAsync(ct);
            var done = await db.QuarterlyReports.Where(r => r.PlanId == plan.Id).Select(r => new { r.Quarter, r.ProvinceId, r.AgencyId }).ToListAsync(ct);
            // A quarter with any report was made by an earlier run, its missing reports included: left as it is.
            var doneQuarters = done.Select(d => d.Quarter).ToHashSet();

            entries += await ProgressAsync(plan, indicators, random, now, ct);

            // Only quarters already due: the current quarter stays open for the demo officers to report.
            foreach (var period in periods.Where(p => QuarterlyReport.ProvincialActivities(plan, p.Quarter).Count > 0 && p.DueEndUtc < now.UtcDateTime && !doneQuarters.Contains(p.Quarter)).OrderBy(p => p.Quarter))
            {
                foreach (var province in provinces.Where(p => p.CountsIn(period.Quarter)))
                {
                    foreach (var agency in agencies)
                    {
                        var report = Report(plan, period, province, agency, indicators, random);
                        if (report is not null)
                        {
                            db.QuarterlyReports.Add(report);
                            reports++;
                            values += report.Lines.Sum(l => l.Values.Count);
                        }
                    }
                }

                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        var left = YearsUpTo(today.Year, years).Where(realYears.Contains).ToList();
        db.RecordEvent(AuditAction.Created, "DemoData", null, null, "system", $"demo data: {plans.Count} plans, {reports} reports, {entries} progress entries, {values} values; real plans left untouched: {string.Join(", ", left)}");
        await db.SaveChangesAsync(ct);
        return new DemoSummary(plans.Count, reports, entries, values, left);
    }

    private const string DemoPrefix = "DEMO-";

    /// <summary>
    /// The demo plan of <paramref name="year"/>: found again on a second run, else copied (as a user
    /// would) from the closest plan before it, or after it for years before every plan, with its
    /// indicators, the default calendar and a few yearly targets, and published in March.
    /// </summary>
    private async Task<Plan> DemoPlanAsync(int year, Random random, CancellationToken ct)
    {
        // The number keeps the form earlier demo runs used, so that a second run finds their plans.
        var number = $"{DemoPrefix}{year}/KH-HLHPNVN-UBDT";
        var existing = await db.Plans.Include(p => p.Activities).ThenInclude(a => a.Tasks).SingleOrDefaultAsync(p => p.Number == number, ct);
        if (existing is not null)
        {
            return existing;
        }

        var published = await db.Plans.Where(p => p.State == PlanState.Published).Select(p => new { p.Id, p.Year }).ToListAsync(ct);
        var sourceId = (published.Where(p => p.Year < year).MaxBy(p => p.Year) ?? published.Where(p => p.Year > year).MinBy(p => p.Year))!.Id;
        var source = await db.Plans.AsNoTracking().Include(p => p.Programme).Include(p => p.Activities).ThenInclude(a => a.Tasks).SingleAsync(p => p.Id == sourceId, ct);
        var programme = await ProgrammeForAsync(year, ct);
        var plan = source.CopyForYear(year, programme, number, new DateOnly(year, 3, 15));
        plan.ReviseHeader(programme, number, plan.IssuedOn, plan.Place, $"Kế hoạch demo năm {year} (dữ liệu thử, không phải văn bản thật)");
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);

        var sourceIndicators = await db.Indicators.AsNoTracking().Where(i => source.Activities.Select(a => a.Id).Contains(i.ActivityId) && !i.IsRetired).ToListAsync(ct);
        foreach (var activity in plan.Activities)
        {
            var from = source.Activities.Single(a => a.Number == activity.Number);
            foreach (var indicator in sourceIndicators.Where(i => i.ActivityId == from.Id))
            {
                var copy = indicator.CopyTo(activity.Id);
                if (indicator.Unit != IndicatorUnit.Vnd && random.NextDouble() < 0.5)
                {
                    copy.SetTargets(Target(indicator.Unit, activity.ProvincesReport, random), new Dictionary<int, long>());
                }

                db.Indicators.Add(copy);
            }
        }

        foreach (var quarter in Quarter.OfYear(year))
        {
            db.ReportingPeriods.Add(ReportingPeriod.Default(plan.Id, quarter));
        }

        await db.SaveChangesAsync(ct);
        var calendar = await db.ReportingPeriods.Where(p => p.PlanId == plan.Id).ToListAsync(ct);
        plan.Publish(calendar, publishedForYear: null, DemoAuthor, VietnamTime.ToUtc(new DateTime(year, 3, 15, 9, 0, 0, DateTimeKind.Unspecified)));
        await db.SaveChangesAsync(ct);
        return plan;
    }

    /// <summary>The programme covering the year: the real one (2021-2025), else the demo programme that follows it.</summary>
    private async Task<CoordinationProgramme> ProgrammeForAsync(int year, CancellationToken ct)
    {
        var programmes = await db.Programmes.ToListAsync(ct);
        var covering = programmes.Where(p => p.Covers(year)).OrderBy(p => p.Number.StartsWith(DemoPrefix, StringComparison.Ordinal)).FirstOrDefault();
        if (covering is not null)
        {
            return covering;
        }

        var first = Math.Max(year, programmes.Count > 0 ? programmes.Max(p => p.LastYear) + 1 : year);
        var demo = new CoordinationProgramme(DemoProgrammeNumber, new DateOnly(first - 1, 12, 15), first, first + 4, $"Chương trình phối hợp giai đoạn {first}-{first + 4} (dữ liệu thử, không phải văn bản thật)");
        if (!demo.Covers(year))
        {
            demo = new CoordinationProgramme($"{DemoPrefix}CTPH/{year}", new DateOnly(year - 1, 12, 15), year, year, $"Chương trình phối hợp năm {year} (dữ liệu thử, không phải văn bản thật)");
        }

        db.Programmes.Add(demo);
        await db.SaveChangesAsync(ct);
        return demo;
    }

    /// <summary>A plausible yearly target: a national count of events or people across the provinces, or a handful for central work.</summary>
    private static long Target(IndicatorUnit unit, bool provincial, Random random) => (unit, provincial) switch
    {
        (IndicatorUnit.People, true) => (400 + random.Next(400)) * 100L,
        (IndicatorUnit.People, false) => 100 + random.Next(100),
        (_, true) => 300 + (random.Next(30) * 10),
        _ => 1 + random.Next(3),
    };

    private async Task<int> ProgressAsync(Plan plan, List<Indicator> indicators, Random random, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.ProgressEntries.AnyAsync(e => plan.Activities.Select(a => a.Id).Contains(e.ActivityId) && e.AuthorId == DemoAuthor, ct))
        {
            return 0;
        }

        var count = 0;
        var today = VietnamTime.Today(now);
        foreach (var activity in plan.Activities)
        {
            var quarters = activity.Window.Quarters.ToList();
            foreach (var agency in activity.InvolvedAgencyIds)
            {
                for (var i = 0; i < quarters.Count; i++)
                {
                    var reportedOn = quarters[i].FirstDay.AddDays(45 + random.Next(20));
                    if (reportedOn > today)
                    {
                        break;
                    }

                    var last = i == quarters.Count - 1;
                    var roll = random.NextDouble();
                    var status = last ? (roll < 0.75 ? ActivityStatus.Completed : roll < 0.9 ? ActivityStatus.Delayed : ActivityStatus.AtRisk)
                        : roll < 0.8 ? ActivityStatus.OnTrack : roll < 0.92 ? ActivityStatus.AtRisk : ActivityStatus.Delayed;
                    var percent = status == ActivityStatus.Completed ? 100 : Math.Min(95, (i + 1) * 100 / quarters.Count - random.Next(15));
                    var values = indicators.Where(x => x.ActivityId == activity.Id).Take(3).Select(x => new IndicatorValue(x.Id, Amount(x.Unit, random))).ToList();
                    db.ProgressEntries.Add(new ProgressEntry(
                        activity.Id,
                        null,
                        agency,
                        DemoAuthor,
                        "Cán bộ trung ương (demo)",
                        VietnamTime.ToUtc(reportedOn.ToDateTime(new TimeOnly(9, 0))),
                        new ProgressContent(
                            reportedOn,
                            status,
                            Math.Max(5, percent),
                            string.Format(System.Globalization.CultureInfo.InvariantCulture, Results[random.Next(Results.Length)], 1 + random.Next(12)),
                            status is ActivityStatus.AtRisk or ActivityStatus.Delayed ? Difficulties[random.Next(Difficulties.Length)] : null,
                            last ? null : "Tiếp tục triển khai theo kế hoạch quý sau.",
                            values)));
                    count++;
                }
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return count;
    }

    /// <summary>One branch's report, in a state drawn from a realistic mix; null when the branch never reported.</summary>
    private static QuarterlyReport? Report(Plan plan, ReportingPeriod period, Province province, int agency, List<Indicator> indicators, Random random)
    {
        var roll = random.NextDouble();
        if (roll < 0.10)
        {
            return null; // missing
        }

        var due = period.DueEndUtc;
        var late = roll is >= 0.55 and < 0.72;
        var submitted = late ? due.AddDays(1 + random.Next(12)).AddHours(random.Next(8)) : due.AddDays(-1 - random.Next(10)).AddHours(-random.Next(12));
        var report = QuarterlyReport.Start(plan, period.Quarter, province.Id, agency, DemoAuthor, submitted.AddDays(-7));
        var officer = $"Cán bộ {province.Name} (demo)";
        report.Write(
            report.Lines.ToDictionary(l => l.ActivityId, l => new LineContent(
                random.NextDouble() < 0.85 ? ActivityStatus.OnTrack : random.NextDouble() < 0.5 ? ActivityStatus.AtRisk : ActivityStatus.Completed,
                string.Format(System.Globalization.CultureInfo.InvariantCulture, Results[random.Next(Results.Length)], 1 + random.Next(9)),
                random.NextDouble() < 0.3 ? Difficulties[random.Next(Difficulties.Length)] : null,
                random.NextDouble() < 0.2 ? Proposals[random.Next(Proposals.Length)] : null,
                Values(indicators.Where(i => i.ActivityId == l.ActivityId), random))),
            officer,
            submitted.AddDays(-1));
        if (roll < 0.17)
        {
            return report; // still a draft
        }

        report.Submit(DemoAuthor, officer, submitted);
        if (roll < 0.25)
        {
            return report; // waiting for review
        }

        if (roll < 0.31)
        {
            report.Return(DemoAuthor, "Cán bộ trung ương (demo)", submitted.AddDays(2), "Đề nghị bổ sung số liệu người tham dự là phụ nữ DTTS.");
            return report;
        }

        report.Approve(DemoAuthor, "Cán bộ trung ương (demo)", submitted.AddDays(1 + random.Next(6)));
        return report;
    }

    /// <summary>About two values in three filled in; "of whom" figures never exceed the total they are part of.</summary>
    private static List<IndicatorValue> Values(IEnumerable<Indicator> indicators, Random random)
    {
        var values = indicators.Where(_ => random.NextDouble() < 0.7).ToDictionary(i => i, i => Amount(i.Unit, random));
        var total = values.FirstOrDefault(v => v.Key.Code.EndsWith(".PARTICIPANTS", StringComparison.Ordinal));
        var part = values.Keys.FirstOrDefault(i => i.Code.EndsWith(".EM_WOMEN", StringComparison.Ordinal));
        if (part is not null)
        {
            values[part] = total.Key is null ? 0 : total.Value * (40 + random.Next(40)) / 100;
        }

        return [.. values.Select(v => new IndicatorValue(v.Key.Id, v.Value))];
    }

    private static long Amount(IndicatorUnit unit, Random random) => unit switch
    {
        IndicatorUnit.People => 20 + random.Next(800),
        IndicatorUnit.Vnd => (5 + random.Next(150)) * 1_000_000L,
        _ => 1 + random.Next(15),
    };
}
