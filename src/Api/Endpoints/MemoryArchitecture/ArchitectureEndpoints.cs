using Synap.Api.Authentication;
using Synap.Api.Errors;
using Synap.Api.Json;
using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Instances;

namespace Synap.Api.Endpoints;

/// <summary>API.md §7: the memory architecture of an instance, initialized once and read (its versions: <see cref="ConfigVersionEndpoints"/>).</summary>
public static class ArchitectureEndpoints
{
    public static RouteGroupBuilder MapMemoryArchitecture(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/instances/{instanceId}/memory-architecture").RequireAuthorization().WithTags("Memory architecture").AnswersErrors();

        group.MapPost("/init", async (HttpContext http, IGrainFactory grains, string instanceId) =>
        {
            if (PathIds.Instance(instanceId) is { } badId)
                return badId;
            var (body, error) = await RequestBody.ReadAsync(http);
            if (error is not null)
                return error;
            var command = new InitArchitectureCommand(body!.String("config"), body.String("use_case_markdown"));
            if (body.Error is not null)
                return body.Error;
            return ApiResults.Created(await grains.GetGrain<IInstanceGrain>(instanceId).InitArchitecture(command, http.Actor()));
        }).Reads<InitArchitectureCommand>().Answers<ConfigVersion>(StatusCodes.Status201Created);

        group.MapGet("", async (HttpContext http, IGrainFactory grains, string instanceId) =>
            PathIds.Instance(instanceId) ?? ApiResults.Ok(await grains.GetGrain<IConfigHistoryGrain>(instanceId).GetActive(http.Actor()))).Answers<ConfigVersion>();

        return group;
    }
}
