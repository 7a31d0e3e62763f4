using Synap.Api.Json;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Api.Errors;

/// <summary>Writes an API.md error body; every error the API sends goes through here.</summary>
public sealed class ErrorResult(string code, string message, IReadOnlyDictionary<string, object?> details) : IResult
{
    public int StatusCode { get; } = ErrorStatus.For(code);

    public ApiError Body { get; } = new(message, code, details);

    public static ErrorResult From(Failure failure) =>
        new(failure.Code, failure.Message, failure.Details.ToDictionary(d => d.Key, d => (object?)d.Value));

    public static ErrorResult Of(string code, string message, params (string Key, object? Value)[] details) =>
        new(code, message, details.ToDictionary(d => d.Key, d => d.Value));

    public static ErrorResult InvalidInput(string field, string reason) =>
        Of(ErrorCodes.InvalidInput, $"Invalid value for '{field}': {reason}", ("field", field), ("reason", reason));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        return httpContext.Response.WriteAsJsonAsync(Body, SynapJson.Options, "application/json; charset=utf-8");
    }
}
