using Synap.Grains.Credentials;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Tests.Unit.Credentials;

/// <summary>The bounds of one owner's keys: the active-key cap and the pruning of old revoked or expired records.</summary>
public sealed class CredentialSetBoundTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static CredentialRecord Record(string id, DateTimeOffset? revokedAt = null, DateTimeOffset? expiresAt = null) =>
        new() { CredentialId = id, CreatedAt = Now.AddDays(-90), RevokedAt = revokedAt, ExpiresAt = expiresAt };

    private static (CredentialSet Set, List<CredentialRecord> Records) SetOf(params CredentialRecord[] records)
    {
        var list = records.ToList();
        return (new CredentialSet(list), list);
    }

    private static CredentialRecord Minted(string id) => CredentialSet.Mint(new CreateApiKeyCommand("k"), id, Now).Record;

    [Fact]
    public void The_26th_active_key_is_refused_with_the_limit_and_the_active_count()
    {
        var (keys, _) = SetOf([.. Enumerable.Range(0, CredentialSet.MaxActiveKeys).Select(i => Record($"cred_{i}"))]);

        var full = keys.CheckRoomForKey(Now);

        Assert.NotNull(full);
        Assert.Equal(ErrorCodes.ApiKeyLimitReached, full.Code);
        Assert.Equal("25", full.Details["limit"]);
        Assert.Equal("25", full.Details["active"]);
    }

    [Fact]
    public void Revoked_and_expired_keys_do_not_count_against_the_cap()
    {
        var (keys, _) = SetOf([
            .. Enumerable.Range(0, CredentialSet.MaxActiveKeys - 1).Select(i => Record($"cred_{i}")),
            Record("cred_revoked", revokedAt: Now.AddMinutes(-1)),
            Record("cred_expired", expiresAt: Now),
        ]);

        Assert.Null(keys.CheckRoomForKey(Now));
        Assert.True(keys.Revoke("cred_0", Now).IsSuccess);
        Assert.Null(keys.CheckRoomForKey(Now));
    }

    [Fact]
    public void Adding_a_key_prunes_records_revoked_or_expired_more_than_30_days_ago_and_keeps_the_rest()
    {
        var edge = Now - CredentialSet.RevokedRetention;
        var (keys, records) = SetOf(
            Record("cred_revoked_old", revokedAt: edge),
            Record("cred_revoked_recent", revokedAt: edge.AddSeconds(1)),
            Record("cred_expired_old", expiresAt: edge.AddDays(-1)),
            Record("cred_expired_recent", expiresAt: Now.AddDays(-1)),
            Record("cred_expired_early_revoked_late", revokedAt: Now.AddDays(-2), expiresAt: edge.AddDays(-3)),
            Record("cred_active"),
            Record("cred_future", expiresAt: Now.AddDays(365)));

        keys.Add(Minted("cred_new"), Now);

        Assert.Equal(["cred_revoked_recent", "cred_expired_recent", "cred_active", "cred_future", "cred_new"],
            records.Select(r => r.CredentialId));
    }

    [Fact]
    public void Revoking_a_key_prunes_old_records_but_a_refused_revoke_changes_nothing()
    {
        var (keys, records) = SetOf(Record("cred_gone", revokedAt: Now.AddDays(-31)), Record("cred_live"));

        Assert.False(keys.Revoke("cred_unknown", Now).IsSuccess);
        Assert.Equal(2, records.Count);

        Assert.True(keys.Revoke("cred_live", Now).IsSuccess);
        Assert.Equal(["cred_live"], records.Select(r => r.CredentialId));
    }

    [Fact]
    public void Minting_does_not_record_the_key_until_it_is_added()
    {
        var (keys, records) = SetOf();

        var record = Minted("cred_1");

        Assert.Empty(records);
        keys.Add(record, Now);
        Assert.Equal(["cred_1"], keys.ListActive(Now).Select(k => k.CredentialId));
    }
}
