using Microsoft.AspNetCore.Diagnostics;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Api.Errors;

/// <summary>Turns unhandled exceptions and empty error statuses into API.md error bodies; never a stack trace.</summary>
public static partial class ErrorHandling
{
    public static IApplicationBuilder UseSynapErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteExceptionAsync,
            StatusCodeSelector = _ => 500,
            // The middleware's own "unhandled exception" error log is kept for bugs and outages only; client faults are ours to log at Debug.
            SuppressDiagnosticsCallback = context =>
                RequestFailure.Classify(context.Exception, context.HttpContext.RequestAborted.IsCancellationRequested)
                    is not (RequestFailureKind.Unexpected or RequestFailureKind.Unavailable),
        });
        app.UseStatusCodePages(new StatusCodePagesOptions { HandleAsync = WriteStatusAsync });
        return app;
    }

    private static async Task WriteExceptionAsync(HttpContext http)
    {
        var exception = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Synap.Api.Errors");
        var kind = RequestFailure.Classify(exception, http.RequestAborted.IsCancellationRequested);
        switch (kind)
        {
            case RequestFailureKind.ClientAborted:
                LogClientAborted(logger, exception);
                // Nginx's "client closed request": only logs and metrics see it; the client is gone.
                http.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
                return;
            case RequestFailureKind.IncompleteBody or RequestFailureKind.TooLarge:
                LogBadBody(logger, exception);
                break;
            case RequestFailureKind.Unavailable:
                LogUnavailable(logger, exception!);
                http.Response.Headers.RetryAfter = "5";
                break;
            default:
                LogUnhandled(logger, exception);
                break;
        }
        await RequestFailure.Answer(kind, exception as BadHttpRequestException)!.ExecuteAsync(http);
    }

    private static async Task WriteStatusAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var result = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ErrorResult.Of(ErrorCodes.NotFound, "No such route", ("path", http.Request.Path.Value)),
            StatusCodes.Status405MethodNotAllowed => ErrorResult.Of(ErrorCodes.MethodNotAllowed, "Method not allowed on this route",
                ("method", http.Request.Method)),
            StatusCodes.Status413PayloadTooLarge => ErrorResult.Of(ErrorCodes.PayloadTooLarge, "The request body is larger than 1 MiB"),
            StatusCodes.Status415UnsupportedMediaType => ErrorResult.Of(ErrorCodes.UnsupportedMediaType, "Content-Type must be application/json"),
            StatusCodes.Status499ClientClosedRequest => null,
            >= 500 => ErrorResult.Of(ErrorCodes.InternalError, "Internal server error"),
            _ => ErrorResult.Of(ErrorCodes.InvalidInput, "Bad request", ("field", "request")),
        };
        if (result is not null)
            await result.ExecuteAsync(http);
    }

    [LoggerMessage(LogLevel.Debug, "The client closed the request")]
    private static partial void LogClientAborted(ILogger logger, Exception? exception);

    [LoggerMessage(LogLevel.Debug, "The request body was incomplete, too slow or too large")]
    private static partial void LogBadBody(ILogger logger, Exception? exception);

    [LoggerMessage(LogLevel.Warning, "Cluster or storage unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Error, "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception? exception);
}
