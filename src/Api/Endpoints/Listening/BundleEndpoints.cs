using System.Text.Json;
using Synap.Api.Authentication;
using Synap.Api.Errors;
using Synap.Api.Idempotency;
using Synap.Api.Json;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Api.Endpoints.Listening;

/// <summary>API.md §10: <c>POST /v1/instances/{instance_id}/bundles</c>, delivered to the listener wherever it is connected.</summary>
public static class BundleEndpoints
{
    /// <summary>API.md §10: a bundle body is at most 64 KiB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapBundles(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/instances/{instanceId}/bundles").RequireAuthorization().WithTags("Listening").AnswersErrors();

        group.MapPost("", async (HttpContext http, IGrainFactory grains, string instanceId) =>
        {
            if (PathIds.Instance(instanceId) is { } badId)
                return badId;
            if (http.Request.ContentLength > MaxBodyBytes)
                return TooLarge();
            var (body, error) = await RequestBody.ReadAsync(http);
            if (error is not null)
                return error;
            var json = body!.Root.GetRawText();
            if (System.Text.Encoding.UTF8.GetByteCount(json) > MaxBodyBytes)
                return TooLarge();
            var (bundle, invalid) = Read(body.Root);
            if (invalid is not null)
                return invalid;
            return ApiResults.Map(await grains.GetGrain<IInstanceListenerGrain>(instanceId).PublishBundle(bundle!, http.Actor()),
                receipt => TypedResults.Json(receipt, statusCode: StatusCodes.Status202Accepted));
        }).WithIdempotency().Reads<ContextBundle>().Answers<BundleReceipt>(StatusCodes.Status202Accepted);

        return group;
    }

    /// <summary>The body as a bundle; a value of the wrong type is a 400 naming its JSON path (<c>items_by_type.docs[0].content</c>).</summary>
    private static (ContextBundle? Bundle, ErrorResult? Error) Read(JsonElement root)
    {
        try
        {
            return (root.Deserialize<ContextBundle>(SynapJson.Options), null);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            return (null, ErrorResult.InvalidInput(field, "has the wrong type"));
        }
    }

    private static ErrorResult TooLarge() =>
        ErrorResult.Of(ErrorCodes.PayloadTooLarge, "A bundle is at most 64 KiB", ("limit_bytes", MaxBodyBytes));
}
