using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Data.Seed;

/// <summary>
/// The one place that writes reference data and Plan 468. Idempotent: every part is looked up by
/// its natural key (agency code, province code and start date, programme and plan number) and
/// only what is missing is added, so starting the app twice adds nothing.
/// </summary>
public sealed class PortalSeeder(PortalDbContext db)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var (vwu, cema) = await SeedAgenciesAsync(cancellationToken);
        await SeedProvincesAsync(cancellationToken);
        var programme = await SeedProgrammeAsync(cancellationToken);
        var plan = await SeedPlan468Async(programme, vwu, cema, cancellationToken);
        await SeedIndicatorsAsync(plan, cancellationToken);
        await SeedCalendarAsync(plan, cancellationToken);
    }

    private async Task<(Agency Vwu, Agency Cema)> SeedAgenciesAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Agencies.ToListAsync(cancellationToken);
        var vwu = existing.Find(a => a.Code == AgencyCodes.Vwu);
        var cema = existing.Find(a => a.Code == AgencyCodes.Cema);
        if (vwu is null)
        {
            vwu = ReferenceData.Vwu();
            db.Agencies.Add(vwu);
        }

        if (cema is null)
        {
            cema = ReferenceData.Cema();
            db.Agencies.Add(cema);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (vwu, cema);
    }

    /// <summary>
    /// The 63 units (until 30/06/2025) and the 34 (from 01/07/2025) from docs/data, with the lineage
    /// between them. The 11 units the reorganisation kept are the same records as before, continuing
    /// without an end date (docs/decisions/0020). Upgrading a database seeded before the 34 existed
    /// adds them and the links, and corrects what earlier seeds wrote differently (the name and type
    /// of code 46 from 2025, the official name of Ho Chi Minh City); what administrators set
    /// (regions, names they corrected) is never overwritten.
    /// </summary>
    private async Task SeedProvincesAsync(CancellationToken cancellationToken)
    {
        var provinces = await db.Provinces.ToListAsync(cancellationToken);
        var newUnits = ProvinceCatalogue.NewUnits();
        var kept = newUnits.Where(u => u.Unchanged).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);

        foreach (var unit in ProvinceCatalogue.OldUnits())
        {
            var province = provinces.Find(p => p.Code == unit.Code && p.ValidFrom == null);
            if (province is null)
            {
                province = new Province(unit.Code, unit.Name, unit.Type, unit.Region, validFrom: null, kept.Contains(unit.Code) ? null : ProvinceCatalogue.LastDayOf63);
                db.Provinces.Add(province);
                provinces.Add(province);
            }
            else
            {
                if (ProvinceCatalogue.RenamedSinceEarlierSeeds.TryGetValue((province.Code, province.Name), out var name))
                {
                    province.Rename(name);
                }

                if (province.Type != unit.Type)
                {
                    province.ChangeType(unit.Type);
                }

                if (kept.Contains(unit.Code) && province.ValidTo is not null && province.SuccessorId is null)
                {
                    province.ContinueWithoutEnd();
                }
            }

            if (unit.Code == ProvinceCatalogue.HueCode)
            {
                province.RecordFormerName(ProvinceCatalogue.ThuaThienHue, ProvinceType.Province, firstDay: null, ProvinceCatalogue.LastDayOfThuaThienHue);
            }
        }

        foreach (var unit in newUnits.Where(u => !u.Unchanged))
        {
            if (!provinces.Exists(p => p.Code == unit.Code && p.ValidFrom == ProvinceCatalogue.FirstDayOf34))
            {
                var province = new Province(unit.Code, unit.Name, unit.Type, unit.Region, ProvinceCatalogue.FirstDayOf34, validTo: null);
                db.Provinces.Add(province);
                provinces.Add(province);
            }
        }

        await db.SaveChangesAsync(cancellationToken); // the new units get their ids

        foreach (var unit in newUnits.Where(u => !u.Unchanged))
        {
            var successor = provinces.Single(p => p.Code == unit.Code && p.ValidFrom == ProvinceCatalogue.FirstDayOf34);
            foreach (var oldCode in unit.OldCodes)
            {
                var old = provinces.Single(p => p.Code == oldCode && p.ValidFrom == null);
                if (old.SuccessorId is null)
                {
                    old.MergeInto(successor);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<CoordinationProgramme> SeedProgrammeAsync(CancellationToken cancellationToken)
    {
        var programme = ReferenceData.Programme();
        var existing = await db.Programmes.SingleOrDefaultAsync(p => p.Number == programme.Number, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        db.Programmes.Add(programme);
        await db.SaveChangesAsync(cancellationToken);
        return programme;
    }

    private async Task<Plan> SeedPlan468Async(CoordinationProgramme programme, Agency vwu, Agency cema, CancellationToken cancellationToken)
    {
        var existing = await db.Plans.Include(p => p.Activities).SingleOrDefaultAsync(p => p.Number == Plan468Text.Number, cancellationToken);
        if (existing is not null)
        {
            // Databases seeded before activities knew who reports on them: Plan 468's central-only
            // activities stop asking provinces (their stored report lines stay as written). A
            // published plan's activities cannot change this through the portal, so this only ever
            // corrects the earlier seed.
            foreach (var activity in existing.Activities.Where(a => Plan468Text.CentralOnlyActivities.Contains(a.Number) && a.ProvincesReport))
            {
                activity.SetProvincesReport(false);
            }

            await db.SaveChangesAsync(cancellationToken);
            return existing;
        }

        var plan = BuildPlan468(programme, vwu.Id, cema.Id);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return plan;
    }

    private async Task SeedIndicatorsAsync(Plan plan, CancellationToken cancellationToken)
    {
        var activityIds = plan.Activities.Select(a => a.Id).ToList();
        var existing = (await db.Indicators.Where(i => activityIds.Contains(i.ActivityId)).Select(i => new { i.ActivityId, i.Code }).ToListAsync(cancellationToken))
            .Select(i => (i.ActivityId, i.Code))
            .ToHashSet();
        foreach (var activity in plan.Activities)
        {
            var texts = Plan468Indicators.ByActivityNumber.GetValueOrDefault(activity.Number) ?? [];
            foreach (var (text, order) in texts.Select((t, i) => (t, i + 1)))
            {
                var code = Plan468Indicators.CodeOf(activity.Number, text.Key);
                if (!existing.Contains((activity.Id, code)))
                {
                    db.Indicators.Add(new Indicator(activity.Id, code, text.Name, text.EnglishName, text.Unit, order));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The default calendar (Decree 09/2019 pattern) for every quarter in which an activity runs.</summary>
    private async Task SeedCalendarAsync(Plan plan, CancellationToken cancellationToken)
    {
        var existing = (await db.ReportingPeriods.Where(p => p.PlanId == plan.Id).Select(p => p.Quarter).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var quarter in Quarter.OfYear(plan.Year).Where(q => !existing.Contains(q)))
        {
            db.ReportingPeriods.Add(ReportingPeriod.Default(plan.Id, quarter));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    internal static Plan BuildPlan468(CoordinationProgramme programme, int vwuId, int cemaId)
    {
        int IdOf(AgencyKind kind) => kind == AgencyKind.Vwu ? vwuId : cemaId;

        var plan = new Plan(programme, 2024, Plan468Text.Number, Plan468Text.IssuedOn, Plan468Text.Place, Plan468Text.Title);
        plan.SetText(Plan468Text.Preamble, Plan468Text.Funding);
        foreach (var purpose in Plan468Text.Purposes)
        {
            plan.AddPurpose(purpose);
        }

        foreach (var text in Plan468Text.Activities)
        {
            var window = new QuarterWindow(new Quarter(2024, text.FirstQuarter), new Quarter(2024, text.LastQuarter), text.ExpectedMonth);
            var activity = plan.AddActivity(text.Title, window, text.ScheduleText);
            activity.Describe(text.Content, text.Form, text.EnglishTitle);
            activity.SetProvincesReport(!Plan468Text.CentralOnlyActivities.Contains(activity.Number));
            foreach (var taskText in text.Tasks)
            {
                var task = activity.AddTask(taskText.Text);
                if (taskText.LeadAgency is { } lead)
                {
                    var supporting = lead == AgencyKind.Vwu ? AgencyKind.Cema : AgencyKind.Vwu;
                    task.Assign(IdOf(lead), AssignmentRole.Lead);
                    task.Assign(IdOf(supporting), AssignmentRole.Supporting);
                }
            }

            switch (text.Roles)
            {
                case RoleKind.Joint:
                    activity.AssignJointly(vwuId, cemaId);
                    break;
                case RoleKind.VwuLeads:
                    activity.Assign(vwuId, AssignmentRole.Lead);
                    activity.Assign(cemaId, AssignmentRole.Supporting);
                    break;
                case RoleKind.PerTask:
                    break; // the tasks above carry the roles
            }

            foreach (var statement in text.Statements)
            {
                activity.AddStatement(IdOf(statement.Agency), statement.Text);
            }
        }

        foreach (var duty in Plan468Text.VwuDuties)
        {
            plan.AddDuty(vwuId, duty);
        }

        foreach (var duty in Plan468Text.CemaDuties)
        {
            plan.AddDuty(cemaId, duty);
        }

        foreach (var s in Plan468Text.Signatories)
        {
            plan.AddSignatory(IdOf(s.Agency), s.AgencyHeading, s.AuthorityLine, s.TitleLine, s.FullName);
        }

        foreach (var recipient in Plan468Text.Recipients)
        {
            plan.AddRecipient(recipient);
        }

        plan.RecordAsSigned(Plan468Text.SignedAtUtc);
        return plan;
    }
}
