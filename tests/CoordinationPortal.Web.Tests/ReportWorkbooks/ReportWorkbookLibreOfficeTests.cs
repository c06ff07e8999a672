using System.Diagnostics;
using System.Globalization;
using System.Net;
using CoordinationPortal.Web.Tests.Infrastructure;

namespace CoordinationPortal.Web.Tests.ReportWorkbooks;

/// <summary>
/// Officers fill the template in whatever they have, often LibreOffice: a file it re-saves must still
/// name the report and version it came from, and hold the values where the upload reads them.
/// </summary>
public sealed class ReportWorkbookLibreOfficeTests(WorkbookPortal factory) : IClassFixture<WorkbookPortal>
{
    private const string Soffice = "/usr/bin/soffice";

    // Calc's own registry file: present only when libreoffice-calc is installed, not with writer alone.
    private const string CalcRegistry = "/usr/lib/libreoffice/share/registry/calc.xcd";

    [Fact]
    public async Task A_template_re_saved_by_LibreOffice_keeps_its_hidden_report_id_version_and_the_values()
    {
        if (!File.Exists(Soffice) || !File.Exists(CalcRegistry))
        {
            const string hint = "LibreOffice Calc missing: apt-get install -y libreoffice-calc";
            if (Environment.GetEnvironmentVariable("REQUIRE_LIBREOFFICE") == "1")
            {
                Assert.Fail(hint);
            }

            Assert.Skip(hint);
        }

        var facts = await factory.FactsAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        using var response = await client.GetAsync(new Uri($"/reports/{facts.DraftId}/workbook.xlsx", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var original = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        var folder = Directory.CreateTempSubdirectory("report-workbook").FullName;
        var profile = Path.Combine(Path.GetTempPath(), "lo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var input = Path.Combine(folder, "bao-cao.xlsx");
            var output = Path.Combine(folder, "out");
            await File.WriteAllBytesAsync(input, original, TestContext.Current.CancellationToken);

            await RunAsync(Soffice, "--headless", "--norestore", $"-env:UserInstallation=file://{profile}", "--calc", "--convert-to", "xlsx", "--outdir", output, input);

            var saved = WorkbookFile.Read(await File.ReadAllBytesAsync(Path.Combine(output, "bao-cao.xlsx"), TestContext.Current.CancellationToken));
            var before = WorkbookFile.Read(original);
            Assert.Contains("_portal", saved.Sheets.Keys);
            Assert.NotNull(saved.States["_portal"]); // still hidden from the officer
            Assert.Equal(facts.DraftId.ToString(CultureInfo.InvariantCulture), saved.Key("report-id"));
            Assert.Equal(facts.DraftVersion.ToString(CultureInfo.InvariantCulture), saved.Key("version"));
            Assert.Equal("1", saved.Key("format"));
            Assert.Equal("20242", saved.Key("quarter"));
            Assert.Equal("02", saved.Key("province-code"));

            // Every data cell the upload reads is what the portal wrote, diacritics included.
            foreach (var sheet in new[] { "Báo cáo", "Chỉ số" })
            {
                var written = before.Sheets[sheet].Where(c => Row(c.Key) >= 5).ToDictionary();
                Assert.NotEmpty(written);
                Assert.Equal(written.OrderBy(c => c.Key, StringComparer.Ordinal), saved.Sheets[sheet].Where(c => Row(c.Key) >= 5).OrderBy(c => c.Key, StringComparer.Ordinal));
            }

            Assert.Equal(WorkbookPortal.Results, saved["Báo cáo", "E5"]);
            Assert.Equal("Có nguy cơ chậm", saved["Báo cáo", "D5"]);
            Assert.Contains(saved.Sheets["Chỉ số"], c => c.Key[0] == 'G' && c.Value == WorkbookPortal.Value.ToString(CultureInfo.InvariantCulture));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            if (Directory.Exists(profile))
            {
                Directory.Delete(profile, recursive: true);
            }
        }
    }

    private static int Row(string reference) => int.Parse(reference.AsSpan().TrimStart("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), CultureInfo.InvariantCulture);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{program} failed: {await error}");
    }
}
