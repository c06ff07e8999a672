namespace CoordinationPortal.Domain.Agencies;

/// <summary>Stable codes of the two signatory agencies; names change over time, codes do not.</summary>
public static class AgencyCodes
{
    /// <summary>Vietnam Women's Union (Hội Liên hiệp Phụ nữ Việt Nam).</summary>
    public const string Vwu = "VWU";

    /// <summary>Committee for Ethnic Minority Affairs (Ủy ban Dân tộc), a ministry since 01/03/2025.</summary>
    public const string Cema = "CEMA";

    public const int MaxLength = 16;
}
