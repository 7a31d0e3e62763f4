using System.Globalization;
using Synap.Api.Authentication;
using Synap.Api.Errors;
using Synap.Api.Json;
using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;

namespace Synap.Api.Endpoints;

/// <summary>API.md §7: the versions of an instance's memory architecture: list, propose, approve, apply, reject.</summary>
public static class ConfigVersionEndpoints
{
    public static RouteGroupBuilder MapConfigVersions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/instances/{instanceId}/memory-architecture/versions").RequireAuthorization()
            .WithTags("Memory architecture").AnswersErrors();

        group.MapGet("", async (HttpContext http, IGrainFactory grains, string instanceId) =>
        {
            if (PathIds.Instance(instanceId) is { } badId)
                return badId;
            var (page, error) = Paging.Read(http.Request);
            return error ?? ApiResults.Ok(await History(grains, instanceId).ListVersions(page!, http.Actor()));
        }).Answers<Page<ConfigVersion>>();

        group.MapPost("", async (HttpContext http, IGrainFactory grains, string instanceId) =>
        {
            if (PathIds.Instance(instanceId) is { } badId)
                return badId;
            var (body, error) = await RequestBody.ReadAsync(http);
            if (error is not null)
                return error;
            var command = new ProposeConfigCommand(body!.String("config"));
            return body.Error ?? ApiResults.Created(await History(grains, instanceId).Propose(command, http.Actor()));
        }).Reads<ProposeConfigCommand>().Answers<ConfigVersion>(StatusCodes.Status201Created);

        group.MapPost("/{version}/approve", (HttpContext http, IGrainFactory grains, string instanceId, string version) =>
            OnVersionAsync(instanceId, version, (id, v) => History(grains, id).Approve(v, http.Actor()))).Answers<ConfigVersion>();

        group.MapPost("/{version}/apply", (HttpContext http, IGrainFactory grains, string instanceId, string version) =>
            OnVersionAsync(instanceId, version, (id, v) => History(grains, id).Apply(v, http.Actor()))).Answers<ConfigVersion>();

        group.MapPost("/{version}/reject", (HttpContext http, IGrainFactory grains, string instanceId, string version) =>
            OnVersionAsync(instanceId, version, (id, v) => History(grains, id).Reject(v, http.Actor()))).Answers<ConfigVersion>();

        return group;
    }

    private static IConfigHistoryGrain History(IGrainFactory grains, string instanceId) => grains.GetGrain<IConfigHistoryGrain>(instanceId);

    private static async Task<IResult> OnVersionAsync(string instanceId, string version, Func<string, int, Task<Outcome<ConfigVersion>>> command)
    {
        if (PathIds.Instance(instanceId) is { } badId)
            return badId;
        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            return ErrorResult.InvalidInput("version", "must be a positive integer");
        return ApiResults.Ok(await command(instanceId, number));
    }
}
