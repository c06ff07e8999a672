using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>What can be done to an activity; checked against the loaded activity, never a posted id.</summary>
public static class ActivityOperations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };
    public static readonly OperationAuthorizationRequirement LogProgress = new() { Name = nameof(LogProgress) };
}

public static class ProgressOperations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };
    public static readonly OperationAuthorizationRequirement Correct = new() { Name = nameof(Correct) };
}

public static class ReportOperations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };
    public static readonly OperationAuthorizationRequirement Write = new() { Name = nameof(Write) };
    public static readonly OperationAuthorizationRequirement Review = new() { Name = nameof(Review) };
}

/// <summary>
/// Resource-based rules: each handler asks the domain's permission functions about the loaded
/// record and the caller's role, agency and province. Anything not granted is denied.
/// </summary>
public abstract class ResourceHandler<TResource> : AuthorizationHandler<OperationAuthorizationRequirement, TResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, TResource resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (context.User.ToActor() is { } actor && Allows(actor, requirement.Name, resource))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    protected abstract bool Allows(Actor actor, string operation, TResource resource);
}

public sealed class ActivityAuthorizationHandler : ResourceHandler<Activity>
{
    protected override bool Allows(Actor actor, string operation, Activity resource) => operation switch
    {
        nameof(ActivityOperations.Read) => Permissions.CanReadPlans(actor),
        nameof(ActivityOperations.LogProgress) => Permissions.CanLogProgress(actor, resource),
        _ => false,
    };
}

public sealed class ProgressEntryAuthorizationHandler : ResourceHandler<ProgressEntry>
{
    protected override bool Allows(Actor actor, string operation, ProgressEntry resource) => operation switch
    {
        nameof(ProgressOperations.Read) => Permissions.CanReadPlans(actor),
        nameof(ProgressOperations.Correct) => Permissions.CanCorrectProgress(actor, resource),
        _ => false,
    };
}

public sealed class ReportAuthorizationHandler : ResourceHandler<QuarterlyReport>
{
    protected override bool Allows(Actor actor, string operation, QuarterlyReport resource) => operation switch
    {
        nameof(ReportOperations.Read) => Permissions.CanReadReport(actor, resource),
        nameof(ReportOperations.Write) => Permissions.CanWriteReport(actor, resource),
        nameof(ReportOperations.Review) => Permissions.CanReviewReport(actor, resource),
        _ => false,
    };
}
