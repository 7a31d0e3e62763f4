using System.Text;
using Npgsql;
using Synap.Grains.Idempotency;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Grains;

/// <summary>The idempotency grain on the real cluster and its PostgreSQL storage.</summary>
[Collection(ClusterCollection.Name)]
public sealed class IdempotencyGrainTests(ClusterFixture cluster)
{
    private const string RequestHash = "hash-of-the-request";

    private static string NewGrainKey() => $"cred_test:{Guid.NewGuid():N}";

    private static StoredResponse Response(int status) => new(status, "application/json; charset=utf-8", Encoding.UTF8.GetBytes("{}"));

    [Fact]
    public async Task Of_concurrent_begins_on_one_key_exactly_one_proceeds()
    {
        var grain = cluster.Grains.GetGrain<IIdempotencyGrain>(NewGrainKey());

        var decisions = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => grain.Begin(RequestHash)));

        Assert.Single(decisions, d => d.Verdict == IdempotencyVerdict.Proceed);
        Assert.All(decisions.Where(d => d.Verdict != IdempotencyVerdict.Proceed), d => Assert.Equal(IdempotencyVerdict.KeyInUse, d.Verdict));
    }

    [Fact]
    public async Task A_claim_is_stored_with_an_expiry_reminder_and_a_released_key_leaves_neither_behind()
    {
        var key = NewGrainKey();
        var grain = cluster.Grains.GetGrain<IIdempotencyGrain>(key);

        var claim = await grain.Begin(RequestHash);
        Assert.Equal((1, 1), (await StorageRows(key), await ReminderRows(key)));

        await grain.Complete(claim.ClaimId, Response(503));
        Assert.Equal(0, await StorageRows(key));

        // The reminder's tick finds nothing left to keep and removes itself.
        await grain.AsReference<IRemindable>().ReceiveReminder("expiry", default);
        Assert.Equal(0, await ReminderRows(key));
    }

    [Fact]
    public async Task A_reminder_tick_before_expiry_keeps_the_stored_response()
    {
        var key = NewGrainKey();
        var grain = cluster.Grains.GetGrain<IIdempotencyGrain>(key);
        var claim = await grain.Begin(RequestHash);
        await grain.Complete(claim.ClaimId, Response(201));

        await grain.AsReference<IRemindable>().ReceiveReminder("expiry", default);

        Assert.Equal((1, 1), (await StorageRows(key), await ReminderRows(key)));
        var replay = await grain.Begin(RequestHash);
        Assert.Equal(IdempotencyVerdict.Replay, replay.Verdict);
        Assert.Equal(201, replay.Response!.StatusCode);
    }

    [Fact]
    public async Task A_stored_response_and_a_running_claim_survive_deactivation()
    {
        var completed = cluster.Grains.GetGrain<IIdempotencyGrain>(NewGrainKey());
        var running = cluster.Grains.GetGrain<IIdempotencyGrain>(NewGrainKey());
        var stored = Response(201);
        await completed.Complete((await completed.Begin(RequestHash)).ClaimId, stored);
        await running.Begin(RequestHash);

        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var replay = await completed.Begin(RequestHash);
        Assert.Equal(IdempotencyVerdict.Replay, replay.Verdict);
        Assert.Equal((stored.StatusCode, stored.ContentType), (replay.Response!.StatusCode, replay.Response.ContentType));
        Assert.Equal(stored.Body, replay.Response.Body);
        Assert.Equal(IdempotencyVerdict.KeyInUse, (await running.Begin(RequestHash)).Verdict);
        Assert.Equal(IdempotencyVerdict.KeyReused, (await running.Begin("another-request")).Verdict);
    }

    private Task<long> StorageRows(string grainKey) =>
        Count("SELECT count(*) FROM OrleansStorage WHERE GrainIdExtensionString = @key", grainKey);

    private Task<long> ReminderRows(string grainKey) =>
        Count("SELECT count(*) FROM OrleansRemindersTable WHERE GrainId LIKE '%' || @key", grainKey);

    private async Task<long> Count(string sql, string grainKey)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", grainKey);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
