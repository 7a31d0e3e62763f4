using Orleans.Serialization;
using Synap.Api.Errors;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Tests.Unit;

/// <summary>
/// Issue 8 item 1 (fault test): while PostgreSQL restarts, a grain's storage call fails with an Npgsql exception the
/// silo cannot send to the API node (no codec for Npgsql's types), so the API node sees a CodecNotFoundException
/// naming that type. That is the database being down: 503 with Retry-After, never a 500. Likewise a write refused
/// for a stale ETag while a silo leaves: a retry converges.
/// </summary>
public sealed class StorageOutageAnswerTests
{
    [Theory]
    [InlineData("Npgsql.NpgsqlException")]
    [InlineData("Npgsql.PostgresException")]
    public void A_database_exception_that_could_not_cross_the_cluster_is_a_503(string typeName)
    {
        var exception = new CodecNotFoundException($"Could not find a codec for type {typeName}.");

        var kind = RequestFailure.Classify(exception, requestAborted: false);

        Assert.Equal(RequestFailureKind.Unavailable, kind);
        Assert.Equal(503, RequestFailure.Answer(kind)!.StatusCode);
        Assert.Equal(ErrorCodes.ServiceUnavailable, RequestFailure.Answer(kind)!.Body.Code);
    }

    [Fact]
    public void A_write_refused_for_a_stale_etag_while_a_silo_leaves_is_a_503_to_retry()
    {
        // Seen when a silo stops gracefully under load: a client grain activated twice for a moment, one write lost the race.
        var exception = new Orleans.Storage.InconsistentStateException("Version conflict (WriteState): GrainType=client ETag=70.");

        var kind = RequestFailure.Classify(exception, requestAborted: false);

        Assert.Equal(RequestFailureKind.Unavailable, kind);
        Assert.Equal(503, RequestFailure.Answer(kind)!.StatusCode);
    }

    [Fact]
    public void A_gateway_silo_that_refuses_connections_is_a_503_to_retry()
    {
        // Seen when the API node's gateway silo was killed: the client's next send to it fails to connect.
        var exception = new Orleans.Runtime.Messaging.ConnectionFailedException("Unable to connect to S127.0.0.1:39749:0, will retry after 926ms");

        Assert.Equal(RequestFailureKind.Unavailable, RequestFailure.Classify(exception, requestAborted: false));
    }

    [Fact]
    public void A_missing_codec_for_one_of_our_own_types_is_still_a_bug()
    {
        var exception = new CodecNotFoundException("Could not find a codec for type Synap.Grains.Interfaces.Instances.InstanceDetail.");

        Assert.Equal(RequestFailureKind.Unexpected, RequestFailure.Classify(exception, requestAborted: false));
    }
}
