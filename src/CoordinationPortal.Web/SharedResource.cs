namespace CoordinationPortal.Web;

/// <summary>Marker for the shared UI strings in Resources/SharedResource.{vi,en}.resx.</summary>
public sealed class SharedResource
{
    private SharedResource()
    {
    }
}
