using System.Reflection;
using System.Text;
using CoordinationPortal.Domain.Provinces;

namespace CoordinationPortal.Data.Seed;

/// <summary>One of the 63 units valid until 30/06/2025, as docs/data/provinces-63.csv gives it.</summary>
internal sealed record OldUnit(string Code, string Name, ProvinceType Type, SocioEconomicRegion Region, string SuccessorCode);

/// <summary>One of the 34 units valid from 01/07/2025, as docs/data/provinces-34.csv gives it.</summary>
internal sealed record NewUnit(string Code, string Name, ProvinceType Type, bool Unchanged, IReadOnlyList<string> OldCodes, SocioEconomicRegion? Region);

/// <summary>
/// The province lists the seed reads: the CSV files in docs/data (embedded in this assembly, so the
/// repository has one copy and the app needs no file beside it). Their columns and sources are
/// described in docs/data/provinces-SOURCES.md.
/// </summary>
internal static class ProvinceCatalogue
{
    /// <summary>The last day of the 63 provinces; the 34 start the next day (Resolution 202/2025/QH15).</summary>
    public static readonly DateOnly LastDayOf63 = new(2025, 6, 30);

    public static readonly DateOnly FirstDayOf34 = LastDayOf63.AddDays(1);

    /// <summary>Code 46: "Thừa Thiên Huế", a tỉnh, until this day; "Huế", a centrally-run city, from the next.</summary>
    public static readonly DateOnly LastDayOfThuaThienHue = new(2024, 12, 31);

    public const string HueCode = "46";
    public const string ThuaThienHue = "Thừa Thiên Huế";

    /// <summary>How earlier versions of the seed wrote names the sources now write otherwise; the seed updates them.</summary>
    public static readonly IReadOnlyDictionary<(string Code, string OldName), string> RenamedSinceEarlierSeeds = new Dictionary<(string, string), string>
    {
        [("79", "TP. Hồ Chí Minh")] = "Thành phố Hồ Chí Minh", // the official name
        [(HueCode, ThuaThienHue)] = "Huế", // the name from 01/01/2025; the old one is kept as a former name
    };

    private const string Undetermined = "CHƯA XÁC ĐỊNH";

    public static IReadOnlyList<OldUnit> OldUnits() =>
        [.. Rows("provinces-63.csv").Select(r => new OldUnit(
            r["code"],
            // The project writes Hòa Bình with the tone on the main vowel, as it always has (the GSO list writes "Hoà").
            r["code"] == "17" ? "Hòa Bình" : r["name_vi"],
            TypeOf(r["type"]),
            Enum.Parse<SocioEconomicRegion>(r["region_enum"]),
            r["merged_into_new_code"]))];

    public static IReadOnlyList<NewUnit> NewUnits() =>
        [.. Rows("provinces-34.csv").Select(r => new NewUnit(
            r["new_code"],
            r["name_vi"],
            TypeOf(r["type"]),
            r["status"].StartsWith("không sắp xếp", StringComparison.Ordinal),
            r["old_codes"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            RegionOf(r["region_vi"])))];

    private static ProvinceType TypeOf(string text) => text switch
    {
        "tỉnh" => ProvinceType.Province,
        "thành phố trực thuộc trung ương" => ProvinceType.CentrallyRunCity,
        _ => throw new InvalidDataException($"Unknown province type '{text}' in the province lists."),
    };

    private static SocioEconomicRegion? RegionOf(string text) => text.Trim() switch
    {
        "" or Undetermined => null,
        "Trung du và miền núi phía Bắc" => SocioEconomicRegion.NorthernMidlandsAndMountains,
        "Đồng bằng sông Hồng" => SocioEconomicRegion.RedRiverDelta,
        "Bắc Trung Bộ và duyên hải miền Trung" => SocioEconomicRegion.NorthCentralAndCentralCoast,
        "Tây Nguyên" => SocioEconomicRegion.CentralHighlands,
        "Đông Nam Bộ" => SocioEconomicRegion.Southeast,
        "Đồng bằng sông Cửu Long" => SocioEconomicRegion.MekongDelta,
        _ => throw new InvalidDataException($"Unknown region '{text}' in the province lists."),
    };

    /// <summary>The rows of an embedded CSV file (RFC 4180: quoted fields may hold commas and quotes), by column name.</summary>
    private static List<Dictionary<string, string>> Rows(string file)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(file, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!, Encoding.UTF8);
        var lines = Parse(reader.ReadToEnd());
        var header = lines[0];
        return [.. lines.Skip(1).Where(l => l.Count > 1).Select(l => header.Select((h, i) => (h, v: i < l.Count ? l[i] : string.Empty)).ToDictionary(x => x.h, x => x.v, StringComparer.Ordinal))];
    }

    private static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
