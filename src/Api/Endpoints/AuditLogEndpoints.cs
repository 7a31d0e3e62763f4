using Synap.Api.Authentication;
using Synap.Api.Errors;
using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Paging;

namespace Synap.Api.Endpoints;

/// <summary>API.md §9: the audit log of a client and of an instance, newest first, paginated. The owner grain authorizes.</summary>
public static class AuditLogEndpoints
{
    public static IEndpointRouteBuilder MapAuditLogs(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/dashboard").RequireAuthorization().WithTags("Audit log").AnswersErrors();

        group.MapGet("/clients/{clientId}/audit-log", async (HttpContext http, IGrainFactory grains, string clientId) =>
        {
            if (PathIds.Client(clientId) is { } badId)
                return badId;
            var (page, error) = Paging.Read(http.Request);
            return error ?? ApiResults.Ok(await grains.GetGrain<IClientGrain>(clientId).GetAuditLog(page!, http.Actor()));
        }).Answers<Page<AuditEntry>>();

        group.MapGet("/instances/{instanceId}/audit-log", async (HttpContext http, IGrainFactory grains, string instanceId) =>
        {
            if (PathIds.Instance(instanceId) is { } badId)
                return badId;
            var (page, error) = Paging.Read(http.Request);
            return error ?? ApiResults.Ok(await grains.GetGrain<IInstanceGrain>(instanceId).GetAuditLog(page!, http.Actor()));
        }).Answers<Page<AuditEntry>>();

        return routes;
    }
}
