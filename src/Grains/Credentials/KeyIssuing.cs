using Synap.Grains.Common;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Credentials;

/// <summary>The steps every owner takes to issue a key: validate, mint, register the hash in the index.</summary>
public static class KeyIssuing
{
    public static async Task<Outcome<CreatedApiKey>> IssueAsync(
        CredentialSet keys, CreateApiKeyCommand command, KeyOwnerFactory owner, IIdGenerator ids, IGrainFactory grains, DateTimeOffset now)
    {
        if (CredentialSet.Validate(command, now) is { } invalid)
            return invalid;
        var credentialId = ids.NewId(SynapIds.CredentialPrefix, 12);
        var (created, record) = keys.Issue(command, credentialId, now);
        // The index is written first: if the owner's own write then fails, the index points at a credential
        // the owner does not know, which authenticates as nothing.
        var registered = await grains.GetGrain<IApiKeyIndexGrain>(record.KeyHash).Register(owner(credentialId));
        return registered.Error is { } error ? error : created;
    }

    public delegate KeyOwner KeyOwnerFactory(string credentialId);
}
