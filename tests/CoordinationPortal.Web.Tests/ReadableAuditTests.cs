using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using CoordinationPortal.Data;
using CoordinationPortal.Data.Auditing;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Audit;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The audit page reads as a person would tell it: record types and fields in words, Vietnam time,
/// the report, activity, indicator or person instead of ids, no GUIDs; security events and
/// addresses for administrators only.
/// </summary>
public sealed partial class ReadableAuditTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    /// <summary>A progress entry with an indicator value and a file, posted as the officer's browser does.</summary>
    private async Task<int> PostEntryWithFileAsync(HttpClient client, int activityId, string done, string fileName)
    {
        var page = await client.GetDocumentAsync($"/activities/{activityId}/progress/new");
        var indicator = page.QuerySelectorAll("input[name^='Values[']")[0].GetAttribute("name")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
            { new StringContent(page.QuerySelector("input[name=FormToken]")!.GetAttribute("value")!), "FormToken" },
            { new StringContent("12/06/2024"), "ReportedOn" },
            { new StringContent("OnTrack"), "Status" },
            { new StringContent("50"), "PercentComplete" },
            { new StringContent(done), "Done" },
            { new StringContent("3"), indicator },
        };
        var file = new ByteArrayContent(Scenario.PdfBytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
        form.Add(file, "Files", fileName);
        using var response = await client.PostAsync(new Uri($"/activities/{activityId}/progress/new", UriKind.Relative), form, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await factory.WithDbAsync(db => db.ProgressEntries.Where(e => e.Done == done).Select(e => e.Id).SingleAsync(Ct));
    }

    private static IElement Row(IDocument page, string entityType, string action) =>
        page.QuerySelectorAll("tbody tr").First(r => r.GetAttribute("data-audit-entity") == entityType && r.GetAttribute("data-audit-action") == action);

    private static string Cell(IElement row, string label) => row.QuerySelector($"td[data-label='{label}']")!.Text();

    [Fact]
    public async Task A_change_made_through_the_app_reads_with_Vietnamese_names_Vietnam_time_and_the_activity_instead_of_ids()
    {
        var activityId = await factory.ActivityIdAsync(1);
        var vwu = await factory.SignedInClientAsync(Persona.CentralVwu);
        var entryId = await PostEntryWithFileAsync(vwu, activityId, "Tập huấn cán bộ Hội tại Sơn La.", "bien-ban-son-la.pdf");
        var key = entryId.ToString(CultureInfo.InvariantCulture);
        var stored = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityType == "ProgressEntry" && e.EntityId == key && e.Action == AuditAction.Created, Ct));
        var leader = await factory.SignedInClientAsync(Persona.Leadership);

        var page = await leader.GetDocumentAsync("/audit?entity=ProgressEntry");

        var row = page.QuerySelectorAll("tbody tr").Single(r => r.GetAttribute("data-audit-action") == "Created" && r.Text().Contains("Tập huấn cán bộ Hội tại Sơn La.", StringComparison.Ordinal));
        Assert.Equal(stored.OccurredAtUtc.AddHours(7).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), Cell(row, "Thời điểm"));
        Assert.Contains("CentralVwu Test", Cell(row, "Người thực hiện"), StringComparison.Ordinal); // the person's name, not only an address
        Assert.Equal("Tạo mới", Cell(row, "Hành động"));
        var record = Cell(row, "Đối tượng");
        Assert.StartsWith("Cập nhật tiến độ", record, StringComparison.Ordinal);
        Assert.Contains($"Hoạt động 1 – Kế hoạch {Scenario.Plan468} · Hội LHPN Việt Nam · 12/06/2024", record, StringComparison.Ordinal);
        Assert.DoesNotContain("ProgressEntry", row.Text(), StringComparison.Ordinal);
        var changes = row.QuerySelectorAll("[data-audit-change]").Select(c => c.Text()).ToList();
        Assert.Contains("Tình trạng: ∅ → Đúng tiến độ", changes);
        Assert.Contains("Tỷ lệ hoàn thành (%): ∅ → 50", changes);
        Assert.Contains("Ngày cập nhật: ∅ → 12/06/2024", changes);
        Assert.Contains(changes, c => c.StartsWith("Hoạt động: ∅ → Hoạt động 1 – Kế hoạch", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.StartsWith("Người viết: ∅ → CentralVwu Test", StringComparison.Ordinal));
        Assert.DoesNotContain(changes, c => c.StartsWith("Id:", StringComparison.Ordinal) || c.Contains("AgencyId", StringComparison.Ordinal));

        // The filter offers the record types in words, keeping the stored name as the value.
        Assert.Contains(page.QuerySelectorAll("#entity option"), o => o.GetAttribute("value") == "ProgressEntry" && o.TextContent == "Cập nhật tiến độ");
    }

    [Fact]
    public async Task In_English_record_types_and_fields_read_in_English()
    {
        var activityId = await factory.ActivityIdAsync(2);
        var vwu = await factory.SignedInClientAsync(Persona.CentralVwu);
        await PostEntryWithFileAsync(vwu, activityId, "Column on the Ethnic and Development newspaper.", "cot-bao.pdf");
        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var plans = await admin.GetDocumentAsync("/plans");
        using (var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/audit", ["__RequestVerificationToken"] = plans.AntiforgeryToken() }))
        using (var switched = await admin.PostAsync(new Uri("/culture", UriKind.Relative), content, Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        var page = await admin.GetDocumentAsync("/audit?entity=ProgressEntry");

        var row = page.QuerySelectorAll("tbody tr").First(r => r.Text().Contains("Column on the Ethnic and Development newspaper.", StringComparison.Ordinal));
        Assert.StartsWith("Progress entry", row.QuerySelector("td:nth-child(4)")!.Text(), StringComparison.Ordinal);
        Assert.Contains(row.QuerySelectorAll("[data-audit-change]"), c => c.Text() == "Status: ∅ → On track");
    }

    [Fact]
    public async Task A_change_set_with_a_new_evidence_file_shows_no_GUID_and_logs_the_files_real_id()
    {
        var activityId = await factory.ActivityIdAsync(4);
        var vwu = await factory.SignedInClientAsync(Persona.CentralVwu);
        var entryId = await PostEntryWithFileAsync(vwu, activityId, "Giám sát Dự án 8 tại Điện Biên.", "bien-ban-giam-sat.pdf");
        var fileId = await factory.WithDbAsync(db => db.EvidenceFiles.Where(f => f.OwnerType == EvidenceOwner.ProgressEntry && f.OwnerId == entryId).Select(f => f.Id).SingleAsync(Ct));

        // The trail keeps the file's real id, not EF's temporary placeholder from before the save.
        var fileKey = fileId.ToString(CultureInfo.InvariantCulture);
        var created = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityType == "EvidenceFile" && e.EntityId == fileKey && e.Action == AuditAction.Created, Ct));
        Assert.Equal(fileKey, Assert.Single(created.Changes, c => c.Field == "Id").After);
        Assert.Equal(entryId.ToString(CultureInfo.InvariantCulture), Assert.Single(created.Changes, c => c.Field == "OwnerId").After);

        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var page = await admin.GetDocumentAsync("/audit");
        var table = page.QuerySelector("table.audit-table")!;
        Assert.Contains("bien-ban-giam-sat.pdf", table.TextContent, StringComparison.Ordinal);
        Assert.DoesNotMatch(Guid(), table.OuterHtml); // neither in the text nor in the full values of the titles
        var file = Row(page, "EvidenceFile", "Created");
        Assert.Equal("Tệp minh chứng bien-ban-giam-sat.pdf", Cell(file, "Đối tượng"));
        Assert.Contains(file.QuerySelectorAll("[data-audit-change]"), c => c.Text() == "Người tải lên: ∅ → CentralVwu Test");
    }

    [Fact]
    public async Task A_changed_indicator_value_shows_the_indicator_by_name_with_its_old_and_new_value()
    {
        var activityId = await factory.ActivityIdAsync(5);
        var vwu = await factory.SignedInClientAsync(Persona.CentralVwu);
        var entryId = await PostEntryWithFileAsync(vwu, activityId, "Giám sát chính sách tại Lai Châu.", "bao-cao-giam-sat.pdf");
        var form = await vwu.GetDocumentAsync($"/progress/{entryId}/edit");
        var input = form.QuerySelector("input[name^='Values['][value='3']")!;
        var indicatorId = int.Parse(input.GetAttribute("name")!["Values[".Length..^1], CultureInfo.InvariantCulture);
        var indicatorName = await factory.WithDbAsync(db => db.Indicators.Where(i => i.Id == indicatorId).Select(i => i.Name).SingleAsync(Ct));

        using (var saved = await vwu.PostFormAsync($"/progress/{entryId}/edit", form, new()
        {
            ["Version"] = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!,
            ["ReportedOn"] = "12/06/2024",
            ["Status"] = "OnTrack",
            ["PercentComplete"] = "50",
            ["Done"] = "Giám sát chính sách tại Lai Châu.",
            [input.GetAttribute("name")!] = "5",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var page = await (await factory.SignedInClientAsync(Persona.Leadership)).GetDocumentAsync("/audit?entity=ProgressEntry.IndicatorValue&action=Updated");
        var row = Assert.Single(page.QuerySelectorAll("tbody tr"));
        var record = Cell(row, "Đối tượng");
        Assert.StartsWith("Số liệu chỉ tiêu", record, StringComparison.Ordinal);
        Assert.Contains("Hoạt động 5 – Kế hoạch", record, StringComparison.Ordinal);
        Assert.Contains(indicatorName, record, StringComparison.Ordinal);
        Assert.Equal("Giá trị: 3 → 5", Assert.Single(row.QuerySelectorAll("[data-audit-change]")).Text());
    }

    [Fact]
    public async Task Leadership_does_not_see_failed_sign_ins_or_addresses_and_no_filter_reaches_them_while_an_administrator_does()
    {
        const string typed = "who-guesses@example.vn";
        using (await PortalFactory.SignInAsync(factory.NewClient(), typed, "a long wrong password here"))
        {
        }

        var leader = await factory.SignedInClientAsync(Persona.Leadership);
        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var address = PortalFactory.ClientAddress.ToString();
        string[] urls =
        [
            "/audit",
            $"/audit?user={Uri.EscapeDataString(typed)}",
            "/audit?action=SignInFailed",
            "/audit?action=SignInSucceeded",
            $"/audit?entity={SecurityAuditEntity}",
            $"/audit?entity={SecurityAuditEntity}&action=SignInFailed&user=who-guesses",
            $"/audit?text={Uri.EscapeDataString(typed)}",
        ];

        foreach (var url in urls)
        {
            var page = await leader.GetDocumentAsync(url);
            Assert.DoesNotContain(page.QuerySelectorAll("tbody tr"), r => AuditActions.SecurityEvents.Any(a => a.ToString() == r.GetAttribute("data-audit-action")));
            Assert.DoesNotContain(typed, page.Body!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain(address, page.Body!.TextContent, StringComparison.Ordinal);
            Assert.Null(page.QuerySelector("td[data-label='Địa chỉ IP']"));
        }

        var leaderPage = await leader.GetDocumentAsync("/audit");
        Assert.DoesNotContain(leaderPage.QuerySelectorAll("#action option"), o => o.GetAttribute("value") == "SignInFailed");
        Assert.DoesNotContain(leaderPage.QuerySelectorAll("#entity option"), o => o.GetAttribute("value") == SecurityAuditEntity);
        Assert.NotNull(leaderPage.QuerySelector("[data-security-hidden]"));

        var adminPage = await admin.GetDocumentAsync($"/audit?action=SignInFailed&user={Uri.EscapeDataString(typed)}");
        var row = Assert.Single(adminPage.QuerySelectorAll("tbody tr"));
        Assert.Equal(typed, Cell(row, "Người thực hiện"));
        Assert.Equal(address, Cell(row, "Địa chỉ IP"));
    }

    private const string SecurityAuditEntity = "Account";

    [Fact]
    public async Task A_report_is_named_by_its_province_branch_and_quarter()
    {
        await factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Domain.Calendar.Quarter(2024, 2), Domain.Reporting.ReportState.Submitted);

        var page = await (await factory.SignedInClientAsync(Persona.Leadership)).GetDocumentAsync("/audit?entity=QuarterlyReport");

        var row = Row(page, "QuarterlyReport", "Created");
        Assert.Equal("Báo cáo quý Hà Giang · Hội LHPN tỉnh, thành phố · Quý II/2024", Cell(row, "Đối tượng"));
        Assert.Contains(row.QuerySelectorAll("[data-audit-change]"), c => c.Text() == "Trạng thái: ∅ → Đã gửi, chờ duyệt");
        var line = Row(await (await factory.SignedInClientAsync(Persona.Leadership)).GetDocumentAsync("/audit?entity=ReportLine"), "ReportLine", "Created");
        Assert.Matches(@"^Nội dung báo cáo theo hoạt động Hà Giang · Hội LHPN tỉnh, thành phố · Quý II/2024 · Hoạt động \d$", Cell(line, "Đối tượng"));
    }

    /// <summary>Records named on the page are read once per kind, however many rows name them.</summary>
    [Fact]
    public async Task The_audit_page_sends_as_many_queries_for_fifty_rows_as_for_seven()
    {
        var counter = new CommandCounter();
        await using var own = new PortalFactory { ConfigureServices = services => services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(counter) };
        var admin = await own.SignedInClientAsync(Persona.Administrator);
        async Task<(int Rows, int Queries)> MeasureAsync()
        {
            counter.Reset();
            var page = await admin.GetDocumentAsync("/audit?entity=ReportLine");
            return (page.QuerySelectorAll("tbody tr").Length, counter.Count);
        }

        async Task AddReportsAsync(int skip, int count) => await own.WithDbAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Activities).SingleAsync(p => p.Number == Scenario.Plan468, Ct);
            var vwu = await db.Agencies.Where(a => a.Code == "VWU").Select(a => a.Id).SingleAsync(Ct);
            var provinces = (await db.Provinces.OrderBy(p => p.Code).ToListAsync(Ct)).Where(p => p.IsValidOn(new DateOnly(2024, 6, 1))).Skip(skip).Take(count);
            foreach (var province in provinces)
            {
                db.QuarterlyReports.Add(QuarterlyReport.Start(plan, new Domain.Calendar.Quarter(2024, 2), province.Id, vwu, "t", new DateTime(2024, 6, 1, 3, 0, 0, DateTimeKind.Utc)));
            }

            return await db.SaveChangesAsync(Ct);
        });

        // Once before measuring: what a person's first page reads once (the bell's count, ADR 0063) is not the page's.
        await admin.GetDocumentAsync("/audit?entity=ReportLine");
        await AddReportsAsync(0, 1);
        var few = await MeasureAsync();
        await AddReportsAsync(1, 10);
        var many = await MeasureAsync();

        Assert.True(few.Rows < 10, $"{few.Rows} rows");
        Assert.Equal(AuditQueries.PageSize, many.Rows);
        Assert.Equal(few.Queries, many.Queries);
    }

    [Fact]
    public void Every_audited_record_type_field_and_value_has_words_in_Vietnamese_and_English()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var localizer = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
        string[] notShown = ["SearchText", "ConcurrencyStamp", "SecurityStamp", "NormalizedEmail", "NormalizedUserName", "AccessFailedCount", "LastAuthenticatorStep", "StoredName", "Version", "RowVersion"];
        var missing = new List<string>();
        foreach (var culture in new[] { "vi", "en" })
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            try
            {
                bool Has(string key) => !localizer[key].ResourceNotFound;
                foreach (var (name, type) in AuditNames.All(db.Model))
                {
                    if (!Has("AuditEntity." + name))
                    {
                        missing.Add($"{culture} AuditEntity.{name}");
                    }

                    foreach (var property in type.GetProperties().Where(p => !notShown.Contains(p.Name) && !(p.IsPrimaryKey() && !p.IsForeignKey()) && !(p.IsShadowProperty() && p.IsKey())))
                    {
                        if (!Has($"AuditField.{name}.{property.Name}") && !Has("AuditField." + property.Name))
                        {
                            missing.Add($"{culture} AuditField.{property.Name} ({name})");
                        }

                        var clr = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                        if (clr.IsEnum)
                        {
                            if (!AuditDescriber.EnumPrefixes.TryGetValue(clr, out var prefix))
                            {
                                missing.Add($"enum {clr.Name}");
                                continue;
                            }

                            missing.AddRange(Enum.GetNames(clr).Where(v => !Has(prefix + v)).Select(v => $"{culture} {prefix}{v}"));
                        }
                    }
                }

                foreach (var eventType in new[] { "Account", "Export", "EvidenceFile", "BulkLoad", "DemoData", "AccountMove", "IndicatorValue", "ProvinceTarget", "ReportTransition" })
                {
                    if (!Has("AuditEntity." + eventType))
                    {
                        missing.Add($"{culture} AuditEntity.{eventType}");
                    }
                }
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }

        Assert.True(missing.Count == 0, string.Join(", ", missing.Distinct()));
    }
}
