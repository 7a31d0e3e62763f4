using Microsoft.AspNetCore.Diagnostics;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Api.Errors;

/// <summary>Turns unhandled exceptions and empty error statuses into API.md error bodies; never a stack trace.</summary>
public static partial class ErrorHandling
{
    public static IApplicationBuilder UseSynapErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteExceptionAsync, StatusCodeSelector = _ => 500 });
        app.UseStatusCodePages(new StatusCodePagesOptions { HandleAsync = WriteStatusAsync });
        return app;
    }

    private static async Task WriteExceptionAsync(HttpContext http)
    {
        var exception = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Synap.Api.Errors");
        ErrorResult result;
        if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            result = ErrorResult.Of(ErrorCodes.PayloadTooLarge, "The request body is larger than 1 MiB");
        else if (IsClusterUnavailable(exception))
        {
            LogUnavailable(logger, exception!);
            http.Response.Headers.RetryAfter = "5";
            result = ErrorResult.Of(ErrorCodes.ServiceUnavailable, "The service is temporarily unavailable");
        }
        else
        {
            LogUnhandled(logger, exception);
            result = ErrorResult.Of(ErrorCodes.InternalError, "Internal server error");
        }
        await result.ExecuteAsync(http);
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
            >= 500 => ErrorResult.Of(ErrorCodes.InternalError, "Internal server error"),
            _ => ErrorResult.Of(ErrorCodes.InvalidInput, "Bad request", ("field", "request")),
        };
        await result.ExecuteAsync(http);
    }

    /// <summary>Outages of the cluster or its storage, as opposed to bugs: the caller should retry.</summary>
    private static bool IsClusterUnavailable(Exception? exception) => exception switch
    {
        null => false,
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException => true,
        System.Data.Common.DbException => true,
        _ => IsClusterUnavailable(exception.InnerException),
    };

    [LoggerMessage(LogLevel.Warning, "Cluster or storage unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Error, "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception? exception);
}
