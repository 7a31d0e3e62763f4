using Synap.Grains.Common;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.RateLimiting;
using Synap.Grains.RateLimiting;

namespace Synap.Grains.Credentials;

/// <summary>
/// The steps every key owner takes on a request, in this order: the key must be valid, its client active, and
/// its bucket must hold a token; an admitted request records the key's use. A refused one takes no token.
/// </summary>
public static class KeyAdmission
{
    public static Outcome<Admitted> Admit(CredentialSet keys, KeyBuckets buckets, string credentialId, string keyHash,
        ClientStanding client, DateTimeOffset now)
    {
        var verified = keys.Verify(credentialId, keyHash, now);
        if (verified.Error is { } invalid)
            return invalid;
        if (client.Status != ClientStatus.Active)
            return ClientInactive(client.Status);
        var record = verified.Value!;
        var decision = buckets.TryConsume(credentialId, client.RateLimit, now);
        if (decision.Allowed)
            record.LastUsedAt = now;
        return new Admitted(record, decision);
    }

    public static Failure ClientInactive(ClientStatus status) =>
        Failure.Of(ErrorCodes.ClientInactive, "The client is not active", ("status", FieldRules.ToSnakeCase(status)));

    public sealed record Admitted(CredentialRecord Record, RateLimitDecision Decision);
}
