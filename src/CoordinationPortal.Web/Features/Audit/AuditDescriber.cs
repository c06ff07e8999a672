using System.Globalization;
using System.Text.RegularExpressions;
using CoordinationPortal.Data;
using CoordinationPortal.Data.Auditing;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Audit;

/// <summary>
/// Turns a page of raw audit entries into what a person recognises: record types and fields in
/// words (from the resources, never class names), values in Vietnam time and in words, and in place
/// of ids the report (province · branch · quarter), the activity, the indicator, the person. It
/// reads the records the page names with one query per kind of record (at most a dozen, however
/// many rows), never one per row. No GUID reaches the page: a user id becomes the person's name,
/// anything else that looks like one is left out.
/// </summary>
public sealed partial class AuditDescriber(PortalDbContext db, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Fields whose value is an account id: shown as the person's name.</summary>
    private static readonly HashSet<string> UserFields = new(StringComparer.Ordinal) { "AuthorId", "CreatedById", "UploadedById", "GrantedById", "ById", "UserId", "RequestedById", "DecidedById" };

    /// <summary>Fields a reader has no use for: generated file names, edit counters.</summary>
    private static readonly HashSet<string> HiddenFields = new(StringComparer.Ordinal) { "StoredName", "Version", "ConcurrencyStamp", "SecurityStamp" };

    /// <summary>The resource prefix naming each enum's values; every enum an audited field holds is here (a test checks it).</summary>
    public static readonly IReadOnlyDictionary<Type, string> EnumPrefixes = new Dictionary<Type, string>
    {
        [typeof(ActivityStatus)] = "Status.",
        [typeof(ReportState)] = "ReportState.",
        [typeof(ReportAction)] = "ReportAction.",
        [typeof(PortalRole)] = "PortalRole.",
        [typeof(IndicatorUnit)] = "Unit.",
        [typeof(AssignmentRole)] = "Role.",
        [typeof(PlanState)] = "PlanState.",
        [typeof(SocioEconomicRegion)] = "Region.",
        [typeof(ProvinceType)] = "ProvinceType.",
        [typeof(EvidenceOwner)] = "EvidenceOwner.",
        [typeof(ExtensionState)] = "ExtensionState.",
    };

    private readonly Dictionary<int, (int ReportId, int ActivityId)> _lines = [];
    private readonly Dictionary<int, (int ActivityId, int AgencyId, DateOnly On)> _entries = [];
    private readonly Dictionary<int, (int ActivityId, int Number)> _tasks = [];
    private readonly Dictionary<int, (string Name, string? EnglishName)> _indicators = [];
    private readonly Dictionary<int, (int PlanId, Quarter Quarter)> _periods = [];
    private readonly Dictionary<int, (int PlanId, Quarter Quarter, int ProvinceId, int AgencyId)> _exemptions = [];
    private readonly Dictionary<int, (int PlanId, Quarter Quarter, int ProvinceId, int AgencyId)> _reports = [];
    private readonly Dictionary<int, (int PlanId, int Number)> _activities = [];
    private readonly Dictionary<int, string> _plans = [];
    private readonly Dictionary<int, string> _provinces = [];
    private readonly Dictionary<int, string> _agencies = [];
    private readonly Dictionary<string, string> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _files = [];
    private IReadOnlyDictionary<string, IEntityType>? _types;

    public async Task<IReadOnlyList<AuditRowView>> DescribeAsync(IReadOnlyList<AuditRow> rows, bool showAddresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _types = AuditNames.All(db.Model);
        await LoadAsync(rows, cancellationToken);
        return [.. rows.Select(r => new AuditRowView(
            r.Id,
            r.OccurredAtUtc,
            r.UserId is { } id && _users.TryGetValue(id, out var name) ? name : Scrub(r.UserName),
            r.UserId is not null && _users.ContainsKey(r.UserId) ? r.UserName : null,
            r.Action,
            r.EntityType,
            Kind(r.EntityType),
            Record(r.EntityType, r.EntityId),
            [.. r.Changes.Where(c => Shown(r.EntityType, c.Field)).Select(c => new AuditChangeView(FieldName(r.EntityType, c.Field), Value(r.EntityType, c.Field, c.Before), Value(r.EntityType, c.Field, c.After)))],
            showAddresses ? r.IpAddress : null,
            Scrub(r.Detail),
            r.Repeats))];
    }

    /// <summary>The record type in words ("Báo cáo quý"); a type without words reads as "Bản ghi khác", never as its class name.</summary>
    public string Kind(string entityType)
    {
        var found = localizer["AuditEntity." + entityType];
        return found.ResourceNotFound ? localizer["AuditEntity.Other"] : found;
    }

    /// <summary>The field in words, for its record type if it has words of its own ("AuditField.Plan.Number"), else shared.</summary>
    public string FieldName(string entityType, string field)
    {
        var own = localizer[$"AuditField.{entityType}.{field}"];
        if (!own.ResourceNotFound)
        {
            return own;
        }

        var shared = localizer["AuditField." + field];
        return shared.ResourceNotFound ? localizer["AuditField.Other"] : shared;
    }

    private bool Shown(string entityType, string field) =>
        !HiddenFields.Contains(field) && !(Property(entityType, field) is { } p && p.IsPrimaryKey() && !p.IsForeignKey());

    private IProperty? Property(string entityType, string field) =>
        _types is not null && _types.TryGetValue(entityType, out var type) ? type.FindProperty(field) : null;

    private string? Value(string entityType, string field, string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        if (raw == "(changed)")
        {
            return localizer["Audit.SecretChanged"]; // a secret: that it changed, never its value
        }

        if (UserFields.Contains(field))
        {
            return _users.TryGetValue(raw, out var person) ? person : localizer["Audit.UnknownPerson"];
        }

        var type = Property(entityType, field)?.ClrType;
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type is not null && type.IsEnum && EnumPrefixes.TryGetValue(type, out var prefix))
        {
            var word = localizer[prefix + raw];
            return word.ResourceNotFound ? raw : word;
        }

        if (type == typeof(bool))
        {
            return localizer[raw == bool.TrueString ? "Common.Yes" : "Common.No"];
        }

        if (type == typeof(DateTime) && DateTime.TryParseExact(raw, "dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
        {
            return Display.DateTime(utc); // stored in UTC, read on the Vietnam clock
        }

        if (type == typeof(DateTimeOffset) && DateTimeOffset.TryParseExact(raw, "dd/MM/yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var offset))
        {
            return Display.DateTime(offset.UtcDateTime);
        }

        if (type == typeof(Quarter) && ParseQuarter(raw) is { } quarter)
        {
            return localizer.Quarter(quarter);
        }

        if (type == typeof(long) && long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return Display.Number(number);
        }

        if (Int(raw) is { } id)
        {
            var named = field switch
            {
                "ProvinceId" or "SuccessorId" => _provinces.GetValueOrDefault(id),
                "AgencyId" => Agency(id),
                "ActivityId" => Activity(id),
                "IndicatorId" => Indicator(id),
                "PlanId" => _plans.GetValueOrDefault(id),
                "ReportId" => Report(id),
                "TaskId" => Task(id),
                _ => raw,
            };
            return named ?? raw;
        }

        return Scrub(raw);
    }

    /// <summary>What a person recognises the record by: the report, the activity, the indicator, the person; null when nothing better than an id is known.</summary>
    private string? Record(string entityType, string? entityId)
    {
        if (entityId is null)
        {
            return null;
        }

        var parts = entityId.Split(',');
        var first = Int(parts[0]);
        var second = parts.Length > 1 ? Int(parts[1]) : null;
        string? Join(params string?[] labels) => labels.All(l => l is null) ? null : string.Join(" · ", labels.Where(l => l is not null));
        return entityType switch
        {
            "QuarterlyReport" or "ReportTransition" or "QuarterlyReport.ReportTransition" => first is { } r ? Report(r) : null,
            "ReportLine" => first is { } l ? Line(l) : null,
            "ReportLine.IndicatorValue" => Join(first is { } l ? Line(l) : null, second is { } i ? Indicator(i) : null),
            "ProgressEntry" => first is { } e ? Entry(e) : null,
            "ProgressEntry.IndicatorValue" => Join(first is { } e ? Entry(e) : null, second is { } i ? Indicator(i) : null),
            "IndicatorValue" => second is { } i ? Indicator(i) : null,
            "Indicator" => first is { } i ? Indicator(i) : null,
            "ProvinceTarget" or "Indicator.ProvinceTarget" => Join(first is { } i ? Indicator(i) : null, second is { } p ? _provinces.GetValueOrDefault(p) : null),
            "Activity" or "Activity.Assignment" or "AgencyStatement" or "QuarterWindow" => first is { } a ? Activity(a) : null,
            "ActivityTask" or "ActivityTask.Assignment" => first is { } t ? Task(t) : null,
            "Plan" or "PlanPurpose" or "AgencyDuty" or "Signatory" or "PlanRecipient" => first is { } p ? _plans.GetValueOrDefault(p) : null,
            "ReportingPeriod" => first is { } p && _periods.TryGetValue(p, out var period) ? Join(_plans.GetValueOrDefault(period.PlanId), localizer.Quarter(period.Quarter)) : null,
            "LockExemption" => first is { } x && _exemptions.TryGetValue(x, out var ex) ? Join(_provinces.GetValueOrDefault(ex.ProvinceId), Branch(ex.AgencyId), localizer.Quarter(ex.Quarter)) : null,
            "EvidenceFile" => first is { } f ? _files.GetValueOrDefault(f) : null,
            "Province" or "FormerProvinceName" => first is { } p ? _provinces.GetValueOrDefault(p) : null,
            "Agency" or "AgencyName" => first is { } a ? Agency(a) : null,
            "PortalUser" or "Account" or "IdentityUserToken" or "IdentityUserClaim" or "IdentityUserLogin" => _users.GetValueOrDefault(parts[0]),
            _ => Scrub(entityId),
        };
    }

    private string? Report(int id) =>
        _reports.TryGetValue(id, out var r) ? $"{_provinces.GetValueOrDefault(r.ProvinceId)} · {Branch(r.AgencyId)} · {localizer.Quarter(r.Quarter)}" : null;

    private string? Line(int id) =>
        _lines.TryGetValue(id, out var l) ? $"{Report(l.ReportId)} · {ActivityShort(l.ActivityId)}" : null;

    private string? Entry(int id) =>
        _entries.TryGetValue(id, out var e) ? $"{Activity(e.ActivityId)} · {Agency(e.AgencyId)} · {Display.Date(e.On)}" : null;

    private string? Activity(int id) =>
        _activities.TryGetValue(id, out var a) ? localizer["Audit.ActivityOfPlan", a.Number, _plans.GetValueOrDefault(a.PlanId) ?? "?"].Value : null;

    private string? ActivityShort(int id) =>
        _activities.TryGetValue(id, out var a) ? localizer["Activity.Heading", a.Number].Value : null;

    private string? Task(int id) =>
        _tasks.TryGetValue(id, out var t) ? $"{Activity(t.ActivityId)} · {localizer["Progress.TaskNumber", t.Number]}" : null;

    private string? Indicator(int id) =>
        _indicators.TryGetValue(id, out var i) ? (Display.English && i.EnglishName is not null ? i.EnglishName : i.Name) : null;

    private string? Agency(int id) => _agencies.TryGetValue(id, out var code) ? localizer["Agency." + code].Value : null;

    private string? Branch(int id) => _agencies.TryGetValue(id, out var code) ? localizer["Branch." + code].Value : null;

    /// <summary>Account ids in free text become names; anything else shaped like a GUID is left out.</summary>
    private string? Scrub(string? text) =>
        text is null ? null : GuidPattern().Replace(text, m => _users.TryGetValue(m.Value, out var name) ? name : "…");

    private async Task LoadAsync(IReadOnlyList<AuditRow> rows, CancellationToken ct)
    {
        var ids = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        HashSet<int> Of(string kind) => ids.TryGetValue(kind, out var set) ? set : ids[kind] = [];
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.UserId is not null)
            {
                users.Add(row.UserId);
            }

            foreach (var text in new[] { row.Detail, row.UserName, row.EntityId })
            {
                foreach (Match m in GuidPattern().Matches(text ?? string.Empty))
                {
                    users.Add(m.Value);
                }
            }

            var parts = (row.EntityId ?? string.Empty).Split(',');
            var (first, second) = (Int(parts[0]), parts.Length > 1 ? Int(parts[1]) : null);
            var kind = row.EntityType switch
            {
                "QuarterlyReport" or "ReportTransition" or "QuarterlyReport.ReportTransition" => "Report",
                "ReportLine" or "ReportLine.IndicatorValue" => "Line",
                "ProgressEntry" or "ProgressEntry.IndicatorValue" => "Entry",
                "Indicator" or "ProvinceTarget" or "Indicator.ProvinceTarget" => "Indicator",
                "Activity" or "Activity.Assignment" or "AgencyStatement" or "QuarterWindow" => "Activity",
                "ActivityTask" or "ActivityTask.Assignment" => "Task",
                "Plan" or "PlanPurpose" or "AgencyDuty" or "Signatory" or "PlanRecipient" => "Plan",
                "ReportingPeriod" => "Period",
                "LockExemption" => "Exemption",
                "EvidenceFile" => "File",
                "Province" or "FormerProvinceName" => "Province",
                _ => null,
            };
            if (kind is not null && first is { } id)
            {
                Of(kind).Add(id);
            }

            if (row.EntityType is "ReportLine.IndicatorValue" or "ProgressEntry.IndicatorValue" or "IndicatorValue" && second is { } indicator)
            {
                Of("Indicator").Add(indicator);
            }

            if (row.EntityType is "ProvinceTarget" or "Indicator.ProvinceTarget" && second is { } province)
            {
                Of("Province").Add(province);
            }

            foreach (var change in row.Changes)
            {
                foreach (var value in new[] { change.Before, change.After })
                {
                    if (value is null)
                    {
                        continue;
                    }

                    if (UserFields.Contains(change.Field))
                    {
                        users.Add(value);
                    }
                    else if (Int(value) is { } refId)
                    {
                        var refKind = change.Field switch
                        {
                            "ProvinceId" or "SuccessorId" => "Province",
                            "ActivityId" => "Activity",
                            "IndicatorId" => "Indicator",
                            "PlanId" => "Plan",
                            "ReportId" => "Report",
                            "TaskId" => "Task",
                            _ => null,
                        };
                        if (refKind is not null)
                        {
                            Of(refKind).Add(refId);
                        }
                    }
                }
            }
        }

        // Records that point at others first (a line names its report and activity), then what they point at.
        if (Of("Line") is { Count: > 0 } lineIds)
        {
            foreach (var l in await db.ReportLines.AsNoTracking().Where(l => lineIds.Contains(l.Id)).Select(l => new { l.Id, l.ReportId, l.ActivityId }).ToListAsync(ct))
            {
                _lines[l.Id] = (l.ReportId, l.ActivityId);
                Of("Report").Add(l.ReportId);
                Of("Activity").Add(l.ActivityId);
            }
        }

        if (Of("Entry") is { Count: > 0 } entryIds)
        {
            foreach (var e in await db.ProgressEntries.AsNoTracking().IgnoreAutoIncludes().Where(e => entryIds.Contains(e.Id)).Select(e => new { e.Id, e.ActivityId, e.AgencyId, e.ReportedOn }).ToListAsync(ct))
            {
                _entries[e.Id] = (e.ActivityId, e.AgencyId, e.ReportedOn);
                Of("Activity").Add(e.ActivityId);
            }
        }

        if (Of("Task") is { Count: > 0 } taskIds)
        {
            foreach (var t in await db.ActivityTasks.AsNoTracking().Where(t => taskIds.Contains(t.Id)).Select(t => new { t.Id, t.ActivityId, t.Number }).ToListAsync(ct))
            {
                _tasks[t.Id] = (t.ActivityId, t.Number);
                Of("Activity").Add(t.ActivityId);
            }
        }

        if (Of("Indicator") is { Count: > 0 } indicatorIds)
        {
            foreach (var i in await db.Indicators.AsNoTracking().Where(i => indicatorIds.Contains(i.Id)).Select(i => new { i.Id, i.Name, i.EnglishName }).ToListAsync(ct))
            {
                _indicators[i.Id] = (i.Name, i.EnglishName);
            }
        }

        if (Of("Period") is { Count: > 0 } periodIds)
        {
            foreach (var p in await db.ReportingPeriods.AsNoTracking().Where(p => periodIds.Contains(p.Id)).Select(p => new { p.Id, p.PlanId, p.Quarter }).ToListAsync(ct))
            {
                _periods[p.Id] = (p.PlanId, p.Quarter);
                Of("Plan").Add(p.PlanId);
            }
        }

        if (Of("Exemption") is { Count: > 0 } exemptionIds)
        {
            foreach (var x in await db.LockExemptions.AsNoTracking().Where(x => exemptionIds.Contains(x.Id)).Select(x => new { x.Id, x.PlanId, x.Quarter, x.ProvinceId, x.AgencyId }).ToListAsync(ct))
            {
                _exemptions[x.Id] = (x.PlanId, x.Quarter, x.ProvinceId, x.AgencyId);
                Of("Province").Add(x.ProvinceId);
            }
        }

        if (Of("Report") is { Count: > 0 } reportIds)
        {
            foreach (var r in await db.QuarterlyReports.AsNoTracking().IgnoreAutoIncludes().Where(r => reportIds.Contains(r.Id)).Select(r => new { r.Id, r.PlanId, r.Quarter, r.ProvinceId, r.AgencyId }).ToListAsync(ct))
            {
                _reports[r.Id] = (r.PlanId, r.Quarter, r.ProvinceId, r.AgencyId);
                Of("Province").Add(r.ProvinceId);
            }
        }

        if (Of("Activity") is { Count: > 0 } activityIds)
        {
            foreach (var a in await db.Activities.AsNoTracking().Where(a => activityIds.Contains(a.Id)).Select(a => new { a.Id, a.PlanId, a.Number }).ToListAsync(ct))
            {
                _activities[a.Id] = (a.PlanId, a.Number);
                Of("Plan").Add(a.PlanId);
            }
        }

        if (Of("Plan") is { Count: > 0 } planIds)
        {
            foreach (var p in await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).Select(p => new { p.Id, p.Number }).ToListAsync(ct))
            {
                _plans[p.Id] = p.Number;
            }
        }

        if (Of("Province") is { Count: > 0 } provinceIds)
        {
            foreach (var p in await db.Provinces.AsNoTracking().Where(p => provinceIds.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            {
                _provinces[p.Id] = p.Name;
            }
        }

        if (Of("File") is { Count: > 0 } fileIds)
        {
            foreach (var f in await db.EvidenceFiles.AsNoTracking().Where(f => fileIds.Contains(f.Id)).Select(f => new { f.Id, f.OriginalName }).ToListAsync(ct))
            {
                _files[f.Id] = f.OriginalName;
            }
        }

        if (users.Count > 0)
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => users.Contains(u.Id)).Select(u => new { u.Id, u.FullName }).ToListAsync(ct))
            {
                _users[u.Id] = u.FullName;
            }
        }

        // Two agencies: read them all, with or without ids on the page.
        foreach (var a in await db.Agencies.AsNoTracking().Select(a => new { a.Id, a.Code }).ToListAsync(ct))
        {
            _agencies[a.Id] = a.Code;
        }
    }

    private static int? Int(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static Quarter? ParseQuarter(string raw)
    {
        var match = QuarterPattern().Match(raw);
        return match.Success ? new Quarter(int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)) : null;
    }

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    public static partial Regex GuidPattern();

    [GeneratedRegex(@"^Q([1-4])/(\d{4})$")]
    private static partial Regex QuarterPattern();
}
