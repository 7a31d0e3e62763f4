using Microsoft.AspNetCore.Http;
using Synap.Api.Errors;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Tests.Unit;

/// <summary>
/// Issue 6 item 6: a body that ends early or crawls is the client's fault (400, logged at Debug), an abort gets no
/// answer at all, and only bugs are a 500.
/// </summary>
public sealed class RequestFailureTests
{
    [Fact]
    public void A_body_that_ended_before_its_content_length_is_a_400_naming_the_body()
    {
        var truncated = new BadHttpRequestException("Unexpected end of request content.", StatusCodes.Status400BadRequest);

        var kind = RequestFailure.Classify(truncated, requestAborted: false);
        var answer = RequestFailure.Answer(kind, truncated);

        Assert.Equal(RequestFailureKind.IncompleteBody, kind);
        Assert.NotNull(answer);
        Assert.Equal(400, answer.StatusCode);
        Assert.Equal(ErrorCodes.InvalidInput, answer.Body.Code);
        Assert.Equal("body", answer.Body.Details["field"]);
    }

    [Fact]
    public void A_body_slower_than_the_minimum_data_rate_is_a_400_saying_so()
    {
        var slow = new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly.", StatusCodes.Status408RequestTimeout);

        var answer = RequestFailure.Answer(RequestFailure.Classify(slow, requestAborted: false), slow);

        Assert.NotNull(answer);
        Assert.Equal(400, answer.StatusCode);
        Assert.Equal(ErrorCodes.InvalidInput, answer.Body.Code);
        Assert.Contains("slowly", answer.Body.Details["reason"]?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_over_the_server_limit_is_a_413()
    {
        var large = new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);

        var answer = RequestFailure.Answer(RequestFailure.Classify(large, requestAborted: false), large);

        Assert.Equal(413, answer!.StatusCode);
        Assert.Equal(ErrorCodes.PayloadTooLarge, answer.Body.Code);
    }

    [Theory]
    [InlineData(typeof(OperationCanceledException))]
    [InlineData(typeof(TaskCanceledException))]
    [InlineData(typeof(IOException))]
    [InlineData(typeof(BadHttpRequestException))]
    public void An_aborted_request_gets_no_answer(Type exceptionType)
    {
        var exception = exceptionType == typeof(BadHttpRequestException)
            ? new BadHttpRequestException("Unexpected end of request content.")
            : (Exception)Activator.CreateInstance(exceptionType)!;

        var kind = RequestFailure.Classify(exception, requestAborted: true);

        Assert.Equal(RequestFailureKind.ClientAborted, kind);
        Assert.Null(RequestFailure.Answer(kind));
    }

    [Fact]
    public void A_cancellation_while_the_client_is_still_there_is_a_bug()
    {
        Assert.Equal(RequestFailureKind.Unexpected, RequestFailure.Classify(new OperationCanceledException(), requestAborted: false));
        Assert.Equal(500, RequestFailure.Answer(RequestFailureKind.Unexpected)!.StatusCode);
    }

    [Fact]
    public void Cluster_and_storage_outages_are_a_503()
    {
        var outage = new InvalidOperationException("wrapped", new TimeoutException());

        var kind = RequestFailure.Classify(outage, requestAborted: false);

        Assert.Equal(RequestFailureKind.Unavailable, kind);
        Assert.Equal(503, RequestFailure.Answer(kind)!.StatusCode);
    }
}
