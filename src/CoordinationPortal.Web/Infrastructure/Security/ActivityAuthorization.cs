using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Plans;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>What can be done to an activity; checked against the loaded activity, never a posted id.</summary>
public static class ActivityOperations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };
    public static readonly OperationAuthorizationRequirement LogProgress = new() { Name = nameof(LogProgress) };
}

/// <summary>Resource-based rules for activities, delegating to the domain's permission functions.</summary>
public sealed class ActivityAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, Activity>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Activity resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        var actor = context.User.ToActor();
        var allowed = actor is not null && requirement.Name switch
        {
            nameof(ActivityOperations.Read) => Permissions.CanReadPlans(actor),
            nameof(ActivityOperations.LogProgress) => Permissions.CanLogProgress(actor, resource),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
