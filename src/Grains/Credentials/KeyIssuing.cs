using Synap.Grains.Common;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Credentials;

/// <summary>
/// The steps every owner takes to issue a key: validate, check the active-key cap, mint, register the hash in the
/// index, record it. Both the owners' create routes and the bootstrap exchange come through here, so both meet the cap.
/// </summary>
public static class KeyIssuing
{
    public static async Task<Outcome<CreatedApiKey>> IssueAsync(
        CredentialSet keys, CreateApiKeyCommand command, KeyOwnerFactory owner, IIdGenerator ids, IGrainFactory grains, DateTimeOffset now)
    {
        if (CredentialSet.Validate(command, now) is { } invalid)
            return invalid;
        if (keys.CheckRoomForKey(now) is { } full)
            return full;
        var credentialId = ids.NewId(SynapIds.CredentialPrefix, 12);
        var (created, record) = CredentialSet.Mint(command, credentialId, now);
        // The index is written first: if the owner's own write then fails, the index points at a credential
        // the owner does not know, which authenticates as nothing. Until it succeeds the set is untouched.
        var registered = await grains.GetGrain<IApiKeyIndexGrain>(record.KeyHash).Register(owner(credentialId));
        if (registered.Error is { } error)
            return error;
        keys.Add(record, now);
        return created;
    }

    public delegate KeyOwner KeyOwnerFactory(string credentialId);
}
