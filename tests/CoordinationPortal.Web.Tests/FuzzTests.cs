using System.Collections;
using System.Net;
using System.Reflection;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Every form field and query parameter of every endpoint, found from the app's own action
/// descriptors (a new one is fuzzed without anyone listing it), gets each of a set of bad values,
/// one at a time, from a person allowed to use the endpoint. No answer may be a 5xx: bad input is
/// the caller's mistake, said back with a 400 page or the form again.
/// </summary>
public sealed class FuzzTests : IAsyncDisposable
{
    private static readonly string[] BadValues =
    [
        string.Empty,
        "-1",
        "0",
        "2147483648",
        "99999999999999999999999",
        "1e309",
        "1,5",
        "abc",
        "20249",
        "1",
        "31/12/9999",
        "01/01/0001",
        "30/02/2024",
        "<script>alert(1)</script>",
        "' OR '1'='1' --",
        "\u000B\u0000\u001F",
        "../../etc/passwd",
        "Lost",
        new string('x', 10_000),
    ];

    /// <summary>Endpoints that end the fuzzing client's session or cannot be fuzzed by field.</summary>
    private static readonly string[] Skipped = ["POST account/sign-out", "GET error", "GET error/{statusCode:int}", "GET {**path:file}", "HEAD {**path:file}"];

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 10, 1, 0, 0, TimeSpan.Zero)); // Q2/2024 open
    private readonly PortalFactory _factory = new();

    public FuzzTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task No_form_field_or_query_parameter_of_any_endpoint_makes_the_portal_answer_5xx()
    {
        var ids = await IdsAsync();
        var sessions = new Dictionary<Persona, (HttpClient Client, string Token)>();
        var failures = new List<string>();
        var sent = 0;
        foreach (var endpoint in Endpoints())
        {
            var url = Url(endpoint.Route, ids);
            var persona = await PersonaForAsync(endpoint, url, sessions);
            foreach (var field in endpoint.Fields)
            {
                foreach (var value in BadValues)
                {
                    var (client, token) = await SessionAsync(persona, sessions);
                    using var response = await SendAsync(client, token, endpoint, url, field, value);
                    sent++;
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{persona} {endpoint.Method} {url} {field}={Describe(value)}: {(int)response.StatusCode}");
                    }

                    if (IsSignInRedirect(response))
                    {
                        sessions.Remove(persona); // the request changed the account (a new authenticator key): sign in again
                    }
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"fuzz: {sent} requests to {Endpoints().Count} endpoints");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests answered 5xx:\n" + string.Join('\n', failures.Take(60)));
        Assert.True(sent > 1000, $"only {sent} requests were sent: the endpoint discovery found too little");
    }

    private sealed record Endpoint(string Method, string Route, IReadOnlyList<string> Fields, bool Multipart);

    /// <summary>The app's controller endpoints with the fields each binds from the query string or the form.</summary>
    private List<Endpoint> Endpoints()
    {
        var endpoints = new List<Endpoint>();
        foreach (var endpoint in _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<ControllerActionDescriptor>() is not { } action)
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var route = endpoint.RoutePattern.RawText?.Trim('/') ?? string.Empty;
                if (Skipped.Contains($"{method} {route}"))
                {
                    continue;
                }

                var routeValues = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var fields = action.Parameters
                    .Where(p => !routeValues.Contains(p.Name) && p.ParameterType != typeof(CancellationToken))
                    .SelectMany(p => FieldsOf(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType, p.BindingInfo?.BindingSource, depth: 0))
                    .Distinct()
                    .ToList();
                if (fields.Count > 0)
                {
                    endpoints.Add(new Endpoint(method, route, fields, action.Parameters.Any(p => p.ParameterType == typeof(IFormFile))));
                }
            }
        }

        return [.. endpoints.OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)];
    }

    /// <summary>Field names as a browser would post them: "Quarter", "Lines[1].Results", "Values[3]".</summary>
    private static IEnumerable<string> FieldsOf(string name, Type type, BindingSource? source, int depth)
    {
        var simple = Nullable.GetUnderlyingType(type) ?? type;
        if (simple.IsPrimitive || simple.IsEnum || simple == typeof(string) || simple == typeof(decimal) || simple == typeof(Guid)
            || simple == typeof(DateOnly) || simple == typeof(DateTime) || simple == typeof(Quarter) || simple == typeof(IFormFile))
        {
            // A complex form model's own properties are posted without its parameter name as prefix.
            yield return name;
            yield break;
        }

        if (depth > 2)
        {
            yield break;
        }

        if (simple.IsGenericType && simple.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var valueType = simple.GetGenericArguments()[1];
            foreach (var field in FieldsOf($"{name}[1]", valueType, source, depth + 1))
            {
                yield return field;
            }

            yield return $"{name}[abc]";
            yield break;
        }

        if (typeof(IEnumerable).IsAssignableFrom(simple))
        {
            yield break;
        }

        foreach (var property in simple.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var prefix = depth == 0 ? property.Name : $"{name}.{property.Name}";
            foreach (var field in FieldsOf(prefix, property.PropertyType, source, depth + 1))
            {
                yield return field;
            }
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string token, Endpoint endpoint, string url, string field, string value)
    {
        if (endpoint.Method == "GET")
        {
            var query = $"{field}={Uri.EscapeDataString(value)}";
            return await client.GetAsync(new Uri($"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{query}", UriKind.Relative), TestContext.Current.CancellationToken);
        }

        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), new Uri(url, UriKind.Relative));
        if (endpoint.Multipart)
        {
            var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
            if (field == "file")
            {
                var name = value.Length is > 0 and < 200 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '/') ? value : "x.pdf";
                form.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(value)), "file", name);
            }
            else
            {
                form.Add(new StringContent(value), field);
            }

            request.Content = form;
        }
        else
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, [field] = value });
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The first persona the endpoint serves (not a 403 or a sign-in), so the fuzz reaches its code.</summary>
    private async Task<Persona> PersonaForAsync(Endpoint endpoint, string url, Dictionary<Persona, (HttpClient Client, string Token)> sessions)
    {
        Persona[] order = [Persona.ProvincialHaGiangVwu, Persona.CentralVwu, Persona.Administrator, Persona.Leadership];
        foreach (var persona in order)
        {
            var (client, token) = await SessionAsync(persona, sessions);
            using var probe = await SendAsync(client, token, endpoint, url, "__probe", "1");
            if (probe.StatusCode != HttpStatusCode.Forbidden && !IsSignInRedirect(probe))
            {
                return persona;
            }
        }

        return Persona.Administrator;
    }

    private async Task<(HttpClient Client, string Token)> SessionAsync(Persona persona, Dictionary<Persona, (HttpClient Client, string Token)> sessions)
    {
        if (!sessions.TryGetValue(persona, out var session))
        {
            var client = await _factory.SignedInClientAsync(persona);
            var page = await client.GetDocumentAsync("/account");
            session = (client, page.AntiforgeryToken());
            sessions[persona] = session;
        }

        return session;
    }

    private static bool IsSignInRedirect(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal) == true;

    private static string Describe(string value) => value.Length > 40 ? $"({value.Length} chars)" : $"“{value}”";

    private sealed record Ids(int Plan, int Activity, int Report, int Line, int Entry, int Exemption, int Indicator, string User);

    private static string Url(string route, Ids ids)
    {
        var url = "/" + route;
        string Fill(string template, string name, object value) => template.Replace(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        url = Fill(url, "{lineId:int}", ids.Line);
        url = Fill(url, "{planId:int}", ids.Plan);
        var id = route switch
        {
            _ when route.StartsWith("reports/", StringComparison.Ordinal) => ids.Report.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ when route.StartsWith("progress/", StringComparison.Ordinal) => ids.Entry.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ when route.StartsWith("activities/", StringComparison.Ordinal) => ids.Activity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ when route.StartsWith("plans/", StringComparison.Ordinal) => ids.Plan.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ when route.StartsWith("admin/calendar/exemptions/", StringComparison.Ordinal) => ids.Exemption.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ when route.StartsWith("admin/indicators/", StringComparison.Ordinal) => ids.Indicator.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ when route.StartsWith("admin/users/", StringComparison.Ordinal) => ids.User,
            _ => "1",
        };
        return url.Replace("{id:int}", id, StringComparison.Ordinal).Replace("{id}", id, StringComparison.Ordinal);
    }

    private async Task<Ids> IdsAsync()
    {
        var victim = await _factory.CreateAccountAsync(Persona.CentralCema, email: "fuzz-victim@test.local");
        var report = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, 2), ReportState.Draft);
        var line = await _factory.FirstLineIdAsync(report);
        var entry = await _factory.EntryAsync(Persona.CentralVwu, activityNumber: 1);
        await _factory.FileAsync(EvidenceOwner.ReportLine, line);
        return new Ids(
            await _factory.WithDbAsync(db => db.Plans.Select(p => p.Id).FirstAsync(TestContext.Current.CancellationToken)),
            await _factory.ActivityIdAsync(1),
            report,
            line,
            entry,
            await _factory.ExemptionAsync(new Quarter(2024, 3)),
            await _factory.WithDbAsync(db => db.Indicators.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync(TestContext.Current.CancellationToken)),
            victim.Id);
    }
}
