using System.Globalization;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Web.Infrastructure.Security;

namespace CoordinationPortal.Web.Features.Audit;

/// <summary>
/// Records every export and evidence download before its bytes are sent: who, what (the export or
/// the file), with which filters, when and from where. It fails closed: when the line cannot be
/// written the download fails too, so nothing leaves the portal without a trace (docs/decisions/0028).
/// The line is saved in a scope of its own, so it never carries anything else of the request.
/// </summary>
public sealed class DownloadAudit(IServiceScopeFactory scopes, IHttpContextAccessor http)
{
    /// <summary>The record type of export lines; the id is the export's name ("reports.xlsx").</summary>
    public const string ExportEntity = "Export";

    /// <summary>The record type of evidence downloads; the id is the file's id.</summary>
    public const string FileEntity = "EvidenceFile";

    public Task ExportAsync(string name, string filters, CancellationToken cancellationToken) =>
        RecordAsync(ExportEntity, name, filters, cancellationToken);

    public Task FileAsync(int fileId, string description, CancellationToken cancellationToken) =>
        RecordAsync(FileEntity, fileId.ToString(CultureInfo.InvariantCulture), description, cancellationToken);

    private async Task RecordAsync(string entityType, string entityId, string detail, CancellationToken cancellationToken)
    {
        var user = http.HttpContext?.User;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.RecordEvent(AuditAction.Downloaded, entityType, entityId, user?.UserId(), user?.Identity?.Name, detail);
        await db.SaveChangesAsync(cancellationToken);
    }
}
