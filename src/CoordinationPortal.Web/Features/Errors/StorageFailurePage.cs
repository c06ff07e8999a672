using CoordinationPortal.Web.Infrastructure;

namespace CoordinationPortal.Web.Features.Errors;

/// <summary>The 503 page for a full or unavailable disk; the cause and the path are in the log, under the same request id.</summary>
public sealed record StorageFailurePage(StorageFailureKind Kind, string RequestId);
