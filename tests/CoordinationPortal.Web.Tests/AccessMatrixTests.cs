using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// docs/product-guide.md, section 4, walked in full: every role (and an anonymous visitor) against every
/// endpoint of the app, GET and POST, asserting allow or deny. An endpoint that is not in the table
/// fails the test until someone decides who may use it.
/// </summary>
public sealed class AccessMatrixTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly Persona[] Everyone = Enum.GetValues<Persona>();

    private enum Outcome
    {
        Allowed,
        Forbidden,
        SignInRequired,

        /// <summary>The record is hidden from the caller (a draft plan for a province): 404, as for an id that does not exist.</summary>
        NotFound,
    }

    /// <summary>
    /// Ids of real records the cases point at. Report A belongs to Hà Giang's VWU branch and has been
    /// submitted; report B is a draft of Cao Bằng's CEMA branch; the entry was written by VWU.
    /// </summary>
    private sealed record Ids(
        int PlanId,
        int ActivityId,
        string VictimUserId,
        int ReportA,
        int ReportALine,
        int ReportB,
        int ReportBLine,
        int Entry,
        int EntryFile,
        int ReportAFile,
        int ReportBFile,
        int Exemption,
        int Indicator,
        int Province,
        int DraftPlanId,
        int DraftActivityId,
        long VictimNotification,
        int Extension);

    private sealed record Case(string Method, string Route, Func<Ids, string> Url, Func<Persona?, Outcome> Expect)
    {
        /// <summary>Statuses that count as "allowed" (a redirect that is not a sign-in challenge also counts).</summary>
        public int[] AllowedStatuses { get; init; } = [200, 302];

        /// <summary>For requests that use their target up (a delete): makes a new one for each caller and returns its URL.</summary>
        public Func<PortalFactory, Ids, Task<string>>? Fresh { get; init; }

        /// <summary>Form fields to post besides the antiforgery token.</summary>
        public Func<Ids, Dictionary<string, string>>? Form { get; init; }

        /// <summary>The request changes the session (sign-out): run it on a throw-away client.</summary>
        public bool FreshClient { get; init; }

        public override string ToString() => $"{Method} {Route}";
    }

    private static Outcome Public(Persona? p) => Outcome.Allowed;

    private static Outcome SignedIn(Persona? p) => p is null ? Outcome.SignInRequired : Outcome.Allowed;

    /// <summary>A record that belongs to one person (the victim account): hidden from every persona.</summary>
    private static Outcome NobodyElses(Persona? p) => p is null ? Outcome.SignInRequired : Outcome.NotFound;

    private static Func<Persona?, Outcome> Only(params Persona[] allowed) =>
        p => p is null ? Outcome.SignInRequired : allowed.Contains(p.Value) ? Outcome.Allowed : Outcome.Forbidden;

    /// <summary>Those who draft plans: administrators and central officers of either agency.</summary>
    private static readonly Func<Persona?, Outcome> Drafters = Only(Persona.Administrator, Persona.CentralVwu, Persona.CentralCema);

    /// <summary>A draft is read by those who draft, publish or oversee plans; a province does not know it exists.</summary>
    private static Outcome DraftReaders(Persona? p) =>
        p is null ? Outcome.SignInRequired : p is Persona.ProvincialHaGiangVwu or Persona.ProvincialCaoBangCema ? Outcome.NotFound : Outcome.Allowed;

    /// <summary>Hà Giang VWU's request: read by its branch, VWU's central officers, leadership and administrators.</summary>
    private static Outcome ExtensionReaders(Persona? p) => p switch
    {
        null => Outcome.SignInRequired,
        Persona.CentralCema or Persona.ProvincialCaoBangCema => Outcome.NotFound,
        _ => Outcome.Allowed,
    };

    /// <summary>Decided by VWU's central officers only; the others who read it are refused, the rest do not know it.</summary>
    private static Outcome ExtensionDeciders(Persona? p) => p switch
    {
        null => Outcome.SignInRequired,
        Persona.CentralVwu => Outcome.Allowed,
        Persona.CentralCema or Persona.ProvincialCaoBangCema => Outcome.NotFound,
        _ => Outcome.Forbidden,
    };

    private static readonly Case[] Cases =
    [
        // Public: sign-in, language, health, error pages.
        new("GET", "account/sign-in", _ => "/account/sign-in", Public),
        new("POST", "account/sign-in", _ => "/account/sign-in", Public),
        new("GET", "account/sign-in/code", _ => "/account/sign-in/code", Public),
        new("POST", "account/sign-in/code", _ => "/account/sign-in/code", Public),
        new("POST", "culture", _ => "/culture", Public),
        new("GET", "health", _ => "/health", Public),
        new("GET", "health/live", _ => "/health/live", Public),
        new("GET", "health/ready", _ => "/health/ready", Public),
        new("GET", "error", _ => "/error", Public) { AllowedStatuses = [500] },
        new("GET", "error/{statusCode:int}", _ => "/error/404", Public) { AllowedStatuses = [404] },

        // Static files that are not fingerprinted assets (served from the build manifest in tests): no
        // anonymous browsing of wwwroot beyond the assets pages link to.
        new("GET", "{**path:file}", _ => "/css/no-such-file.css", SignedIn) { AllowedStatuses = [404] },
        new("HEAD", "{**path:file}", _ => "/css/no-such-file.css", SignedIn) { AllowedStatuses = [404] },

        // Plans and activities: every role reads them.
        new("GET", "", _ => "/", SignedIn),
        new("GET", "plans", _ => "/plans", SignedIn),
        new("GET", "plans/{id:int}", ids => $"/plans/{ids.PlanId}", SignedIn),
        new("GET", "activities/{id:int}", ids => $"/activities/{ids.ActivityId}", SignedIn),
        new("GET", "plans/{id:int}", ids => $"/plans/{ids.DraftPlanId}", DraftReaders),
        new("GET", "activities/{id:int}", ids => $"/activities/{ids.DraftActivityId}", DraftReaders),

        // Drafting plans (a new plan or programme, each part of a plan, its activities): administrators
        // and central officers, on drafts and on published plans' wording; publishing: administrators.
        // The posts send no fields, so they answer with the form's errors, a comparison or a refusal,
        // and change nothing whoever sends them.
        new("GET", "plans/new", _ => "/plans/new", Drafters),
        new("POST", "plans/new", _ => "/plans/new", Drafters),
        new("GET", "programmes/new", _ => "/programmes/new", Drafters),
        new("POST", "programmes/new", _ => "/programmes/new", Drafters),
        new("GET", "plans/{id:int}/edit/header", ids => $"/plans/{ids.PlanId}/edit/header", Drafters),
        new("GET", "plans/{id:int}/edit/header", ids => $"/plans/{ids.DraftPlanId}/edit/header", Drafters),
        new("POST", "plans/{id:int}/edit/header", ids => $"/plans/{ids.DraftPlanId}/edit/header", Drafters) { AllowedStatuses = [200, 302, 409] },
        new("GET", "plans/{id:int}/edit/text", ids => $"/plans/{ids.DraftPlanId}/edit/text", Drafters),
        new("POST", "plans/{id:int}/edit/text", ids => $"/plans/{ids.DraftPlanId}/edit/text", Drafters) { AllowedStatuses = [200, 302, 409] },
        new("GET", "plans/{id:int}/edit/organisation", ids => $"/plans/{ids.DraftPlanId}/edit/organisation", Drafters),
        new("POST", "plans/{id:int}/edit/organisation", ids => $"/plans/{ids.DraftPlanId}/edit/organisation", Drafters) { AllowedStatuses = [200, 302, 409] },
        new("GET", "plans/{id:int}/edit/activities", ids => $"/plans/{ids.DraftPlanId}/edit/activities", Drafters),
        new("POST", "plans/{id:int}/edit/activities", ids => $"/plans/{ids.DraftPlanId}/edit/activities", Drafters),
        new("POST", "activities/{id:int}/move", ids => $"/activities/{ids.DraftActivityId}/move", Drafters) { AllowedStatuses = [302, 409] },
        new("POST", "activities/{id:int}/remove", ids => $"/activities/{ids.DraftActivityId}/remove", Drafters) { AllowedStatuses = [302, 409] },
        new("GET", "activities/{id:int}/edit", ids => $"/activities/{ids.DraftActivityId}/edit", Drafters),
        new("GET", "activities/{id:int}/edit", ids => $"/activities/{ids.ActivityId}/edit", Drafters),
        new("POST", "activities/{id:int}/edit", ids => $"/activities/{ids.DraftActivityId}/edit", Drafters) { AllowedStatuses = [200, 302, 409] },
        new("GET", "plans/{id:int}/publish", ids => $"/plans/{ids.DraftPlanId}/publish", Only(Persona.Administrator)),
        new("POST", "plans/{id:int}/publish", ids => $"/plans/{ids.DraftPlanId}/publish", Only(Persona.Administrator)),

        // One's own account.
        new("GET", "account", _ => "/account", SignedIn),
        new("POST", "account/email", _ => "/account/email", SignedIn) { Form = _ => new() { ["Reminders"] = "true", ["Digest"] = "true" } },

        // Notifications are everyone's own: the list and "mark all" act on the caller's alone, and
        // another person's notification is not found for every role (ADR 0042).
        new("GET", "notifications", _ => "/notifications", SignedIn),
        new("POST", "notifications/read-all", _ => "/notifications/read-all", SignedIn),
        new("GET", "notifications/{id:long}", ids => $"/notifications/{ids.VictimNotification}", NobodyElses),
        new("POST", "notifications/{id:long}/read", ids => $"/notifications/{ids.VictimNotification}/read", NobodyElses),
        new("POST", "account/sign-out", _ => "/account/sign-out", SignedIn) { FreshClient = true },
        new("POST", "account/session/keep-alive", _ => "/account/session/keep-alive", SignedIn),
        new("GET", "account/session/status", _ => "/account/session/status", SignedIn),
        new("GET", "account/change-password", _ => "/account/change-password", SignedIn),
        new("POST", "account/change-password", _ => "/account/change-password", SignedIn),
        new("GET", "account/two-factor", _ => "/account/two-factor", SignedIn),
        new("POST", "account/two-factor/key", _ => "/account/two-factor/key", SignedIn),
        new("GET", "account/two-factor/qr", _ => "/account/two-factor/qr", SignedIn) { AllowedStatuses = [200, 404] },
        new("POST", "account/two-factor/enable", _ => "/account/two-factor/enable", SignedIn),
        new("POST", "account/two-factor/recovery-codes", _ => "/account/two-factor/recovery-codes", SignedIn),
        new("POST", "account/two-factor/disable", _ => "/account/two-factor/disable",
            p => p is null ? Outcome.SignInRequired : p == Persona.Administrator ? Outcome.Forbidden : Outcome.Allowed),

        // Administration of accounts: administrators only.
        new("GET", "admin/users", _ => "/admin/users", Only(Persona.Administrator)),
        new("GET", "admin/users/new", _ => "/admin/users/new", Only(Persona.Administrator)),
        new("POST", "admin/users/new", _ => "/admin/users/new", Only(Persona.Administrator)),
        new("GET", "admin/users/{id}", ids => $"/admin/users/{ids.VictimUserId}", Only(Persona.Administrator)),
        new("POST", "admin/users/{id}", ids => $"/admin/users/{ids.VictimUserId}", Only(Persona.Administrator)),
        new("POST", "admin/users/{id}/disable", ids => $"/admin/users/{ids.VictimUserId}/disable", Only(Persona.Administrator)),
        new("POST", "admin/users/{id}/enable", ids => $"/admin/users/{ids.VictimUserId}/enable", Only(Persona.Administrator)),
        new("POST", "admin/users/{id}/reset-password", ids => $"/admin/users/{ids.VictimUserId}/reset-password", Only(Persona.Administrator)),
        new("POST", "admin/users/{id}/unblock", ids => $"/admin/users/{ids.VictimUserId}/unblock", Only(Persona.Administrator)),

        // The audit trail: administrators and leadership.
        new("GET", "audit", _ => "/audit", Only(Persona.Administrator, Persona.Leadership)),

        // Progress journals: central officers of an agency with a role on the activity write;
        // only the author's agency corrects; everyone reads (and downloads the evidence).
        new("GET", "activities/{id:int}/progress/new", ids => $"/activities/{ids.ActivityId}/progress/new", Only(Persona.CentralVwu, Persona.CentralCema)),
        new("POST", "activities/{id:int}/progress/new", ids => $"/activities/{ids.ActivityId}/progress/new", Only(Persona.CentralVwu, Persona.CentralCema)),
        new("GET", "progress/{id:int}/edit", ids => $"/progress/{ids.Entry}/edit", Only(Persona.CentralVwu)),
        new("POST", "progress/{id:int}/edit", ids => $"/progress/{ids.Entry}/edit", Only(Persona.CentralVwu)) { AllowedStatuses = [200, 302, 409] },
        new("POST", "progress/{id:int}/evidence", ids => $"/progress/{ids.Entry}/evidence", Only(Persona.CentralVwu)),
        new("GET", "files/{id:int}", ids => $"/files/{ids.EntryFile}", SignedIn),
        new("POST", "files/{id:int}/delete", ids => $"/files/{ids.EntryFile}/delete", Only(Persona.CentralVwu))
        {
            Fresh = async (f, ids) => $"/files/{await f.FileAsync(EvidenceOwner.ProgressEntry, ids.Entry, "xoa-di.pdf")}/delete",
        },

        // Quarterly reports: a province writes its own; its agency's central office reviews it;
        // central offices and leadership read what was submitted, never drafts; administrators read all.
        new("GET", "reports", _ => "/reports", SignedIn),
        new("GET", "reports/mine", _ => "/reports/mine", Only(Persona.ProvincialHaGiangVwu, Persona.ProvincialCaoBangCema)),
        new("POST", "reports/start", ids => "/reports/start", Only(Persona.ProvincialHaGiangVwu, Persona.ProvincialCaoBangCema))
        {
            Form = ids => new() { ["PlanId"] = ids.PlanId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Quarter"] = "20244" },
        },
        new("GET", "reports/review", _ => "/reports/review", Only(Persona.CentralVwu, Persona.CentralCema)),

        // Bulk approval: the confirmation and the approval are the review queue's, central officers only;
        // what each may approve is decided per report (the other agency's report A is refused to CEMA).
        // A stale version is posted, so report A stays submitted for the rows below.
        new("GET", "reports/review/approve", ids => $"/reports/review/approve?r={ids.ReportA}-1", Only(Persona.CentralVwu, Persona.CentralCema)),
        new("POST", "reports/review/approve", _ => "/reports/review/approve", Only(Persona.CentralVwu, Persona.CentralCema))
        {
            Form = ids => new() { ["r"] = $"{ids.ReportA}-999" },
        },
        new("GET", "reports/{id:int}", ids => $"/reports/{ids.ReportA}",
            Only(Persona.Administrator, Persona.CentralVwu, Persona.CentralCema, Persona.Leadership, Persona.ProvincialHaGiangVwu)),
        new("GET", "reports/{id:int}", ids => $"/reports/{ids.ReportB}", Only(Persona.Administrator, Persona.ProvincialCaoBangCema)),
        new("GET", "reports/{id:int}/edit", ids => $"/reports/{ids.ReportA}/edit", Only(Persona.ProvincialHaGiangVwu)),
        new("GET", "reports/{id:int}/edit", ids => $"/reports/{ids.ReportB}/edit", Only(Persona.ProvincialCaoBangCema)),
        new("POST", "reports/{id:int}/edit", ids => $"/reports/{ids.ReportA}/edit", Only(Persona.ProvincialHaGiangVwu)) { AllowedStatuses = [200, 302, 409] },
        new("POST", "reports/{id:int}/edit", ids => $"/reports/{ids.ReportB}/edit", Only(Persona.ProvincialCaoBangCema)) { AllowedStatuses = [200, 302, 409] },
        // The workbook import (issue 15): only the branch that may write the report; a submitted one is
        // refused with its reason (a redirect). The posts send no file and no content: a 400 upload page or
        // a 409 comparison, nothing stored.
        new("GET", "reports/{id:int}/import", ids => $"/reports/{ids.ReportA}/import", Only(Persona.ProvincialHaGiangVwu)),
        new("GET", "reports/{id:int}/import", ids => $"/reports/{ids.ReportB}/import", Only(Persona.ProvincialCaoBangCema)),
        new("POST", "reports/{id:int}/import", ids => $"/reports/{ids.ReportA}/import", Only(Persona.ProvincialHaGiangVwu)),
        new("POST", "reports/{id:int}/import", ids => $"/reports/{ids.ReportB}/import", Only(Persona.ProvincialCaoBangCema)) { AllowedStatuses = [200, 302, 400] },
        new("POST", "reports/{id:int}/import/confirm", ids => $"/reports/{ids.ReportA}/import/confirm", Only(Persona.ProvincialHaGiangVwu)),
        new("POST", "reports/{id:int}/import/confirm", ids => $"/reports/{ids.ReportB}/import/confirm", Only(Persona.ProvincialCaoBangCema)) { AllowedStatuses = [200, 302, 409] },

        // The report's workbook (issue 15): only for whoever may open its edit page, refused as that page is
        // (the submitted report A sends its own branch back to the report, saying why).
        new("GET", "reports/{id:int}/workbook.xlsx", ids => $"/reports/{ids.ReportA}/workbook.xlsx", Only(Persona.ProvincialHaGiangVwu)),
        new("GET", "reports/{id:int}/workbook.xlsx", ids => $"/reports/{ids.ReportB}/workbook.xlsx", Only(Persona.ProvincialCaoBangCema)),
        new("POST", "reports/{id:int}/lines/{lineId:int}/evidence", ids => $"/reports/{ids.ReportA}/lines/{ids.ReportALine}/evidence", Only(Persona.ProvincialHaGiangVwu)),
        new("POST", "reports/{id:int}/lines/{lineId:int}/evidence", ids => $"/reports/{ids.ReportB}/lines/{ids.ReportBLine}/evidence", Only(Persona.ProvincialCaoBangCema)),
        new("GET", "files/{id:int}", ids => $"/files/{ids.ReportAFile}",
            Only(Persona.Administrator, Persona.CentralVwu, Persona.CentralCema, Persona.Leadership, Persona.ProvincialHaGiangVwu)),
        new("GET", "files/{id:int}", ids => $"/files/{ids.ReportBFile}", Only(Persona.Administrator, Persona.ProvincialCaoBangCema)),
        new("POST", "reports/{id:int}/approve", ids => $"/reports/{ids.ReportA}/approve", Only(Persona.CentralVwu)),
        new("POST", "reports/{id:int}/return", ids => $"/reports/{ids.ReportA}/return", Only(Persona.CentralVwu)),
        new("POST", "reports/{id:int}/reopen", ids => $"/reports/{ids.ReportA}/reopen", Only(Persona.CentralVwu)),
        new("POST", "reports/{id:int}/approve", ids => $"/reports/{ids.ReportB}/approve", Only()),

        // The dashboard (a province gets its own view) and the exports, which show only what the caller may read.
        new("GET", "dashboard", _ => "/dashboard", SignedIn),
        new("GET", "exports/dashboard.xlsx", _ => "/exports/dashboard.xlsx",
            Only(Persona.Administrator, Persona.CentralVwu, Persona.CentralCema, Persona.Leadership)),
        new("GET", "exports/reports.xlsx", _ => "/exports/reports.xlsx", SignedIn),
        new("GET", "dashboard/years", _ => "/dashboard/years", Only(Persona.Administrator, Persona.CentralVwu, Persona.CentralCema, Persona.Leadership)),
        new("GET", "exports/years.xlsx", _ => "/exports/years.xlsx", Only(Persona.Administrator, Persona.CentralVwu, Persona.CentralCema, Persona.Leadership)),
        new("GET", "exports/results.docx", _ => "/exports/results.docx",
            Only(Persona.Administrator, Persona.CentralVwu, Persona.CentralCema, Persona.Leadership)),

        // The reporting calendar and lock exemptions: administrators only.
        new("GET", "admin/calendar", _ => "/admin/calendar", Only(Persona.Administrator)),
        new("GET", "admin/email", _ => "/admin/email", Only(Persona.Administrator)),
        new("POST", "admin/calendar/{planId:int}", ids => $"/admin/calendar/{ids.PlanId}", Only(Persona.Administrator)),
        new("POST", "admin/calendar/{planId:int}/exemptions", ids => $"/admin/calendar/{ids.PlanId}/exemptions", Only(Persona.Administrator)),
        new("POST", "admin/calendar/{planId:int}/missing", ids => $"/admin/calendar/{ids.DraftPlanId}/missing", Only(Persona.Administrator)),
        new("POST", "admin/calendar/exemptions/{id:int}/revoke", ids => $"/admin/calendar/exemptions/{ids.Exemption}/revoke", Only(Persona.Administrator)),

        // A plan's indicators and their yearly targets: those who draft plans (administrators and
        // central officers of either agency); leadership and provinces read the results, not this.
        new("GET", "admin/indicators", _ => "/admin/indicators", Only(Persona.Administrator, Persona.CentralVwu, Persona.CentralCema)),
        new("GET", "admin/indicators/activities/{id:int}", ids => $"/admin/indicators/activities/{ids.ActivityId}", Only(Persona.Administrator, Persona.CentralVwu, Persona.CentralCema)),
        new("POST", "admin/indicators", _ => "/admin/indicators", Only(Persona.Administrator, Persona.CentralVwu, Persona.CentralCema))
        {
            Form = ids => new() { ["ActivityId"] = ids.ActivityId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        },
        new("POST", "admin/indicators/{id:int}", ids => $"/admin/indicators/{ids.Indicator}", Only(Persona.Administrator, Persona.CentralVwu, Persona.CentralCema)) { AllowedStatuses = [200, 302, 409] },
        new("POST", "admin/indicators/{id:int}/retire", ids => $"/admin/indicators/{ids.Indicator}/retire", Only(Persona.Administrator, Persona.CentralVwu, Persona.CentralCema)),
        new("POST", "admin/indicators/{id:int}/restore", ids => $"/admin/indicators/{ids.Indicator}/restore", Only(Persona.Administrator, Persona.CentralVwu, Persona.CentralCema)),

        // Provinces over time (region, name) and moving the accounts of merged units: administrators only.
        // The moves post sends no preview, so it is refused as stale and moves nobody whoever sends it.
        new("GET", "admin/provinces", _ => "/admin/provinces", Only(Persona.Administrator)),
        new("GET", "admin/provinces/{id:int}", ids => $"/admin/provinces/{ids.Province}", Only(Persona.Administrator)),
        new("POST", "admin/provinces/{id:int}", ids => $"/admin/provinces/{ids.Province}", Only(Persona.Administrator)),
        new("GET", "admin/provinces/moves", _ => "/admin/provinces/moves", Only(Persona.Administrator)),
        new("POST", "admin/provinces/moves", _ => "/admin/provinces/moves", Only(Persona.Administrator)),

        // Extension requests (Hà Giang VWU's, pending): the branch asks, its agency's central officers
        // decide; the branch, those officers, leadership and administrators read; the other agency and
        // province do not know it exists. The posts send no fields: a 400 with the form's errors, nothing changed.
        new("GET", "extensions", _ => "/extensions", SignedIn),
        new("GET", "extensions/{id:int}", ids => $"/extensions/{ids.Extension}", ExtensionReaders),
        new("GET", "extensions/new", ids => $"/extensions/new?planId={ids.PlanId}&quarter=20241", Only(Persona.ProvincialHaGiangVwu, Persona.ProvincialCaoBangCema)),
        new("POST", "extensions", _ => "/extensions", Only(Persona.ProvincialHaGiangVwu, Persona.ProvincialCaoBangCema)) { AllowedStatuses = [400] },
        new("POST", "extensions/{id:int}/grant", ids => $"/extensions/{ids.Extension}/grant", ExtensionDeciders) { AllowedStatuses = [400] },
        new("POST", "extensions/{id:int}/decline", ids => $"/extensions/{ids.Extension}/decline", ExtensionDeciders) { AllowedStatuses = [400] },

        // Last: it ends every session of the persona's account, the shared client's too.
        new("POST", "account/sign-out-everywhere", _ => "/account/sign-out-everywhere", SignedIn) { FreshClient = true },
    ];

    [Fact]
    public void Every_endpoint_of_the_app_is_classified_in_the_matrix()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => $"{method} {e.RoutePattern.RawText?.Trim('/')}"))
            .ToHashSet(StringComparer.Ordinal);
        var classified = Cases.Select(c => c.ToString()).ToHashSet(StringComparer.Ordinal);

        Assert.True(endpoints.Except(classified).Order().ToList() is { Count: 0 } missing, "Classify these endpoints in AccessMatrixTests: " + string.Join(", ", endpoints.Except(classified).Order()));
        Assert.True(classified.Except(endpoints).Order().ToList() is { Count: 0 }, "These matrix rows match no endpoint: " + string.Join(", ", classified.Except(endpoints).Order()));
    }

    [Fact]
    public async Task Every_role_is_allowed_or_denied_each_endpoint_as_design_section_4_says()
    {
        var ids = await IdsAsync();
        var failures = new List<string>();
        foreach (var persona in Everyone.Cast<Persona?>().Prepend(null))
        {
            var client = await ClientAsync(persona);
            var token = await TokenAsync(client, persona);
            foreach (var @case in Cases)
            {
                var caseClient = client;
                var caseToken = token;
                if (@case.FreshClient)
                {
                    caseClient = await ClientAsync(persona);
                    caseToken = await TokenAsync(caseClient, persona);
                }

                var url = @case.Fresh is null ? @case.Url(ids) : await @case.Fresh(factory, ids);
                using var response = await SendAsync(caseClient, @case, url, ids, caseToken);
                var actual = Classify(response, @case);
                var expected = @case.Expect(persona);
                if (actual != expected)
                {
                    failures.Add($"{persona?.ToString() ?? "Anonymous"} {@case.Method} {url}: expected {expected}, got {actual} ({(int)response.StatusCode} {response.Headers.Location})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static Outcome? Classify(HttpResponseMessage response, Case @case)
    {
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        if (response.StatusCode == HttpStatusCode.Redirect && location.Contains("/account/sign-in?returnUrl=", StringComparison.Ordinal))
        {
            return Outcome.SignInRequired;
        }

        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            return Outcome.Forbidden;
        }

        if (@case.AllowedStatuses.Contains((int)response.StatusCode))
        {
            return Outcome.Allowed;
        }

        return response.StatusCode == HttpStatusCode.NotFound ? Outcome.NotFound : null;
    }

    private async Task<HttpClient> ClientAsync(Persona? persona) =>
        persona is { } p ? await factory.SignedInClientAsync(p) : factory.NewClient();

    /// <summary>An antiforgery token bound to the client's user, from a page with a form.</summary>
    private static async Task<string> TokenAsync(HttpClient client, Persona? persona)
    {
        IDocument page = await client.GetDocumentAsync(persona is null ? "/account/sign-in" : "/account");
        return page.AntiforgeryToken();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Case @case, string url, Ids ids, string token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(@case.Method), new Uri(url, UriKind.Relative));
        if (@case.Method == "POST")
        {
            var fields = @case.Form?.Invoke(ids) ?? [];
            fields["__RequestVerificationToken"] = token;
            request.Content = new FormUrlEncodedContent(fields);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<Ids> IdsAsync()
    {
        var victim = await factory.CreateAccountAsync(Persona.CentralCema, email: "matrix-victim@test.local");
        var q2 = new Quarter(2024, 2);
        var reportA = await factory.ReportAsync(Persona.ProvincialHaGiangVwu, q2, ReportState.Submitted);
        var reportB = await factory.ReportAsync(Persona.ProvincialCaoBangCema, q2, ReportState.Draft);
        var reportALine = await factory.FirstLineIdAsync(reportA);
        var reportBLine = await factory.FirstLineIdAsync(reportB);
        var entry = await factory.EntryAsync(Persona.CentralVwu, activityNumber: 1);
        var draft = await DraftPlanAsync();
        return new Ids(
            await factory.WithDbAsync(db => db.Plans.Where(p => p.Number == Scenario.Plan468).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken)),
            await factory.ActivityIdAsync(1),
            victim.Id,
            reportA,
            reportALine,
            reportB,
            reportBLine,
            entry,
            await factory.FileAsync(EvidenceOwner.ProgressEntry, entry),
            await factory.FileAsync(EvidenceOwner.ReportLine, reportALine),
            await factory.FileAsync(EvidenceOwner.ReportLine, reportBLine),
            await factory.ExemptionAsync(new Quarter(2024, 3)),
            await factory.WithDbAsync(db => db.Indicators.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync(TestContext.Current.CancellationToken)),
            await factory.ProvinceIdAsync("02"),
            draft,
            await factory.WithDbAsync(db => db.Activities.Where(a => a.PlanId == draft).OrderBy(a => a.Number).Select(a => a.Id).FirstAsync(TestContext.Current.CancellationToken)),
            await factory.WithDbAsync(async db =>
            {
                var notification = Data.Notifications.Notification.AboutReport(victim.Id, Domain.Notifications.NotificationKind.ReportSubmitted, reportA, ["Hà Giang", "VWU", "2", "2024", ""], DateTime.UtcNow);
                db.Notifications.Add(notification);
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
                return notification.Id;
            }),
            await factory.ExtensionAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, 1)));
    }

    /// <summary>A draft for 2025, copied from Plan 468 through the domain and never published.</summary>
    private Task<int> DraftPlanAsync() => factory.WithDbAsync(async db =>
    {
        var template = await db.Plans.Include(p => p.Programme).Include(p => p.Activities).ThenInclude(a => a.Tasks).SingleAsync(p => p.Number == Scenario.Plan468, TestContext.Current.CancellationToken);
        var draft = template.CopyForYear(2025, template.Programme, "DRAFT-2025/KH", new DateOnly(2025, 1, 10));
        db.Plans.Add(draft);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return draft.Id;
    });
}
