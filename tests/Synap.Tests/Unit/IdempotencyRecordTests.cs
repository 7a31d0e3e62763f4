using System.Text;
using Microsoft.Extensions.Time.Testing;
using Synap.Grains.Idempotency;

namespace Synap.Tests.Unit;

public sealed class IdempotencyRecordTests
{
    private const string Request = "hash-of-request-a";
    private const string OtherRequest = "hash-of-request-b";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 1, 15, 16, 0, 0, TimeSpan.Zero));
    private readonly IdempotencyRecord record = new();

    private static StoredResponse Response(int status) => new(status, "application/json; charset=utf-8", Encoding.UTF8.GetBytes("{\"id\":\"x\"}"));

    private IdempotencyDecision Begin(string requestHash = Request) => record.Begin(requestHash, time.GetUtcNow(), Guid.NewGuid());

    private Guid Claim(string requestHash = Request)
    {
        var decision = Begin(requestHash);
        Assert.Equal(IdempotencyVerdict.Proceed, decision.Verdict);
        return decision.ClaimId;
    }

    [Fact]
    public void The_first_request_with_a_key_proceeds_with_a_claim()
    {
        var claimId = Guid.NewGuid();

        var decision = record.Begin(Request, time.GetUtcNow(), claimId);

        Assert.Equal(IdempotencyDecision.Proceed(claimId), decision);
        Assert.False(record.IsEmpty);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromHours(24), record.ExpiresAt);
    }

    [Fact]
    public void The_same_request_while_the_first_runs_is_in_use()
    {
        Claim();
        time.Advance(IdempotencyRecord.Lease - TimeSpan.FromSeconds(1));

        Assert.Equal(IdempotencyVerdict.KeyInUse, Begin().Verdict);
    }

    [Fact]
    public void The_same_request_after_completion_replays_the_stored_response()
    {
        var stored = Response(201);
        record.Complete(Claim(), stored);
        time.Advance(TimeSpan.FromHours(23));

        var decision = Begin();

        Assert.Equal(IdempotencyVerdict.Replay, decision.Verdict);
        Assert.Same(stored, decision.Response);
    }

    [Fact]
    public void A_client_error_is_stored_and_replayed()
    {
        record.Complete(Claim(), Response(409));

        Assert.Equal(409, Begin().Response?.StatusCode);
    }

    [Fact]
    public void A_different_request_with_the_key_is_a_reuse_while_running_and_after_completion()
    {
        var claimId = Claim();
        Assert.Equal(IdempotencyVerdict.KeyReused, Begin(OtherRequest).Verdict);

        record.Complete(claimId, Response(201));

        Assert.Equal(IdempotencyVerdict.KeyReused, Begin(OtherRequest).Verdict);
    }

    [Fact]
    public void A_server_error_releases_the_key_so_a_retry_runs()
    {
        Assert.True(record.Complete(Claim(), Response(503)));

        Assert.True(record.IsEmpty);
        Assert.Equal(IdempotencyVerdict.Proceed, Begin().Verdict);
    }

    [Fact]
    public void A_released_key_may_carry_a_different_request()
    {
        Assert.True(record.Release(Claim()));

        Assert.Equal(IdempotencyVerdict.Proceed, Begin(OtherRequest).Verdict);
    }

    [Fact]
    public void A_claim_past_its_lease_is_taken_over_and_the_stale_claimant_cannot_record()
    {
        var stale = Claim();
        time.Advance(IdempotencyRecord.Lease);

        var successor = Claim();

        Assert.NotEqual(stale, successor);
        Assert.False(record.Complete(stale, Response(201)));
        Assert.False(record.Release(stale));
        Assert.True(record.Complete(successor, Response(201)));
        Assert.Equal(IdempotencyVerdict.Replay, Begin().Verdict);
    }

    [Fact]
    public void A_different_request_cannot_take_over_a_lapsed_claim()
    {
        Claim();
        time.Advance(IdempotencyRecord.Lease + TimeSpan.FromMinutes(5));

        Assert.Equal(IdempotencyVerdict.KeyReused, Begin(OtherRequest).Verdict);
    }

    [Fact]
    public void A_completed_record_cannot_be_completed_or_released_again()
    {
        var claimId = Claim();
        var first = Response(201);
        record.Complete(claimId, first);

        Assert.False(record.Complete(claimId, Response(200)));
        Assert.False(record.Release(claimId));
        Assert.Same(first, Begin().Response);
    }

    [Fact]
    public void The_key_expires_24_hours_after_the_first_request_and_is_then_free_for_any_request()
    {
        record.Complete(Claim(), Response(201));
        time.Advance(IdempotencyRecord.Lifetime - TimeSpan.FromTicks(1));
        Assert.False(record.IsExpired(time.GetUtcNow()));
        Assert.Equal(IdempotencyVerdict.Replay, Begin().Verdict);

        time.Advance(TimeSpan.FromTicks(1));

        Assert.True(record.IsExpired(time.GetUtcNow()));
        var decision = Begin(OtherRequest);
        Assert.Equal(IdempotencyVerdict.Proceed, decision.Verdict);
        Assert.Null(record.Response);
        Assert.Equal(time.GetUtcNow() + IdempotencyRecord.Lifetime, record.ExpiresAt);
    }

    [Fact]
    public void An_empty_record_is_never_expired()
    {
        Assert.True(record.IsEmpty);
        Assert.False(record.IsExpired(time.GetUtcNow()));
    }
}
