namespace CoordinationPortal.Domain.Provinces;

/// <summary>The six socio-economic regions (vùng kinh tế - xã hội) used by the General Statistics Office.</summary>
public enum SocioEconomicRegion
{
    NorthernMidlandsAndMountains = 1,
    RedRiverDelta = 2,
    NorthCentralAndCentralCoast = 3,
    CentralHighlands = 4,
    Southeast = 5,
    MekongDelta = 6,
}
