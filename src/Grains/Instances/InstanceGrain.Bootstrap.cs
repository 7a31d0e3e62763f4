using Synap.Grains.Audit;
using Synap.Grains.Common;
using Synap.Grains.Credentials;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Instances;

/// <summary>Bootstrap keys (API.md §6): one active per instance, 24 hours, exchanged once for an instance key.</summary>
public sealed partial class InstanceGrain
{
    public async Task<Outcome<CreatedBootstrapKey>> CreateBootstrapKey(Actor actor)
    {
        if (Authorize(actor, manage: true) is { } denied)
            return denied;
        var detail = state.State.Detail!;
        if (detail.Status == InstanceStatus.Archived)
            return NotActive();
        var now = time.GetUtcNow();
        var key = BootstrapKeyFormat.Generate();
        var record = new BootstrapKeyRecord
        {
            KeyId = ids.NewId(BootstrapKeyFormat.IdPrefix, 16),
            KeyHash = BootstrapKeyFormat.Hash(key),
            CreatedAt = now,
            ExpiresAt = now + BootstrapKeyFormat.Lifetime,
        };
        var registered = await GrainFactory.GetGrain<IApiKeyIndexGrain>(record.KeyHash)
            .Register(new KeyOwner(record.KeyId, ActorType.Bootstrap, detail.ClientId, InstanceId));
        if (registered.Error is { } error)
            return error;
        // Replacing the record is what revokes the previous key: only the current one can be exchanged.
        var replaced = await Commit.RunAsync(() =>
        {
            state.State.Bootstrap = record;
            return new Outcome<string>(record.KeyId, null);
        });
        if (replaced.Error is { } failed)
            return failed;
        await Audit.RecordAsync(actor, KeyAudit.BootstrapCreated(InstanceId, record.KeyId, record.ExpiresAt));
        return new CreatedBootstrapKey(key, record.KeyId, record.ExpiresAt);
    }

    public async Task<Outcome<string>> RevokeBootstrapKey(Actor actor)
    {
        if (Authorize(actor, manage: true) is { } denied)
            return denied;
        var now = time.GetUtcNow();
        if (state.State.Bootstrap is not { } record || !record.IsActiveAt(now))
            return Failure.Of(ErrorCodes.CredentialNotFound, "No active bootstrap key", ("instance_id", InstanceId));
        var revoked = await Commit.RunAsync(() =>
        {
            record.RevokedAt = now;
            return new Outcome<string>(record.KeyId, null);
        });
        if (revoked.IsSuccess)
            await Audit.RecordAsync(actor, KeyAudit.BootstrapRevoked(InstanceId, record.KeyId));
        return revoked;
    }

    public async Task<Outcome<ExchangedApiKey>> ExchangeBootstrapKey(string keyHash, string? label)
    {
        var now = time.GetUtcNow();
        var detail = state.State.Detail;
        var record = state.State.Bootstrap;
        if (detail is null || record is null || !record.IsActiveAt(now) || !CredentialSet.HashesEqual(record.KeyHash, keyHash))
            return Failure.Of(ErrorCodes.InvalidApiKey, "Invalid, used, expired or revoked bootstrap key");
        if (clientStanding.Status != Interfaces.Clients.ClientStatus.Active)
            return KeyAdmission.ClientInactive(clientStanding.Status);
        var issued = await Commit.RunAsync(async () =>
        {
            var key = await KeyIssuing.IssueAsync(Keys, new CreateApiKeyCommand(label),
                id => new KeyOwner(id, ActorType.InstanceKey, detail.ClientId, InstanceId), ids, GrainFactory, now);
            if (key.IsSuccess)
                record.UsedAt = now;
            return key;
        });
        if (issued.Error is { } error)
            return error;
        var created = issued.Value!;
        var exchanged = new ExchangedApiKey(created.ApiKey, created.CredentialId, created.Label, InstanceId, detail.ClientId, created.CreatedAt);
        await Audit.RecordAsync(new Actor(ActorType.Bootstrap, record.KeyId, detail.ClientId, InstanceId),
            KeyAudit.BootstrapExchanged(InstanceId, record.KeyId, exchanged));
        return exchanged;
    }
}
