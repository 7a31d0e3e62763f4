using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Api.Errors;

/// <summary>Maps a grain outcome to its HTTP answer: the value with the route's success status, or the failure's error body.</summary>
public static class ApiResults
{
    public static IResult Ok<T>(Outcome<T> outcome) => Map(outcome, value => TypedResults.Ok(value));

    public static IResult Created<T>(Outcome<T> outcome) => Map(outcome, value => TypedResults.Json(value, statusCode: StatusCodes.Status201Created));

    public static IResult Map<T>(Outcome<T> outcome, Func<T, IResult> onSuccess) =>
        outcome.Error is { } failure ? ErrorResult.From(failure) : onSuccess(outcome.Value!);
}
