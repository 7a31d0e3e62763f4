namespace Synap.Grains.Credentials;

/// <summary>A stored API key: only its SHA-256 and masked form are ever kept.</summary>
[GenerateSerializer, Alias("synap.credential-record.v1")]
public sealed class CredentialRecord
{
    [Id(0)] public string CredentialId { get; set; } = "";
    [Id(1)] public string Label { get; set; } = "";
    [Id(2)] public string KeyHash { get; set; } = "";
    [Id(3)] public string MaskedKey { get; set; } = "";
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public DateTimeOffset? ExpiresAt { get; set; }
    [Id(6)] public DateTimeOffset? LastUsedAt { get; set; }
    [Id(7)] public DateTimeOffset? RevokedAt { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    /// <summary>Revoked or expired more than <paramref name="retention"/> before <paramref name="now"/>.</summary>
    public bool IsPrunableAt(DateTimeOffset now, TimeSpan retention)
    {
        var endedAt = RevokedAt is { } revoked && (ExpiresAt is null || revoked < ExpiresAt) ? revoked : ExpiresAt;
        return endedAt is { } ended && ended <= now - retention;
    }
}
