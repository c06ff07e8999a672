using System.Text.RegularExpressions;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Every form posted empty answers in Vietnamese: no message names a C# property ("Vui lòng nhập
/// Until.") or falls back to MVC's English ("The Reason field is required.").
/// </summary>
public sealed partial class ValidationLanguageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [GeneratedRegex(@"\b(field is required|is not valid|is invalid|must be a number|A value for)\b")]
    private static partial Regex EnglishMessage();

    public static TheoryData<Persona, string, string, string> Forms => new()
    {
        // persona, page that holds the form, where it posts, the form's model type
        { Persona.Administrator, "/admin/calendar?planId={plan}", "/admin/calendar/{plan}/exemptions", "ExemptionForm" },
        { Persona.Administrator, "/admin/users/new", "/admin/users/new", "UserForm" },
        { Persona.Administrator, "/admin/provinces/{province}", "/admin/provinces/{province}", "ProvinceForm" },
        { Persona.Administrator, "/plans/new", "/plans/new", "NewPlanForm" },
        { Persona.CentralVwu, "/activities/{activity}/progress/new", "/activities/{activity}/progress/new", "ProgressForm" },
    };

    [Fact]
    public void Every_message_MVC_itself_may_show_is_in_Vietnamese()
    {
        using var culture = new CultureScope("vi");
        var messages = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Mvc.MvcOptions>>().Value.ModelBindingMessageProvider;

        string[] shown =
        [
            messages.ValueMustNotBeNullAccessor("x"),
            messages.MissingBindRequiredValueAccessor("Until"),
            messages.MissingKeyOrValueAccessor(),
            messages.MissingRequestBodyRequiredValueAccessor(),
            messages.AttemptedValueIsInvalidAccessor("abc", "Year"),
            messages.UnknownValueIsInvalidAccessor("Status"),
            messages.ValueMustBeANumberAccessor("Year"),
        ];

        Assert.All(shown, m =>
        {
            Assert.DoesNotMatch(EnglishMessage(), m);
            Assert.DoesNotContain("Until", m, StringComparison.Ordinal);
            Assert.DoesNotContain("Year", m, StringComparison.Ordinal);
        });
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly System.Globalization.CultureInfo _ui = System.Globalization.CultureInfo.CurrentUICulture;

        public CultureScope(string name) => System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(name);

        public void Dispose() => System.Globalization.CultureInfo.CurrentUICulture = _ui;
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_form_posted_empty_says_what_is_missing_in_Vietnamese_without_field_names(Persona persona, string page, string action, string formType)
    {
        var plan = await factory.WithDbAsync(db => db.Plans.Where(p => p.Number == Scenario.Plan468).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken));
        var province = await factory.ProvinceIdAsync("04");
        var activity = await factory.ActivityIdAsync(1);
        string Fill(string url) => url.Replace("{plan}", plan.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{province}", province.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{activity}", activity.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var client = await factory.SignedInClientAsync(persona);
        var form = await client.GetDocumentAsync(Fill(page));

        using var response = await client.PostFormAsync(Fill(action), form, []);
        var answer = await response.ReadDocumentAsync();

        var messages = answer.QuerySelectorAll(".field-validation-error, .validation-summary-errors li, .text-danger, [role=alert]")
            .Select(m => m.Text()).Where(t => t.Length > 0).ToList();
        Assert.NotEmpty(messages); // something was refused, and said so
        var type = typeof(Program).Assembly.GetTypes().Single(t => t.Name == formType);
        var names = type.GetProperties().Select(p => p.Name).ToList();
        foreach (var message in messages)
        {
            Assert.DoesNotMatch(EnglishMessage(), message);
            var leaked = names.Where(n => Regex.IsMatch(message, $@"\b{n}\b")).ToList();
            Assert.True(leaked.Count == 0, $"'{message}' names {string.Join(", ", leaked)} of {formType}");
        }
    }
}
