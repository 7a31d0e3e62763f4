namespace Synap.Grains.Credentials;

/// <summary>The instance's one bootstrap key (API.md §6), kept as a hash; single use, 24 hours.</summary>
[GenerateSerializer, Alias("synap.bootstrap-key-record.v1")]
public sealed class BootstrapKeyRecord
{
    [Id(0)] public string KeyId { get; set; } = "";
    [Id(1)] public string KeyHash { get; set; } = "";
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(4)] public DateTimeOffset? RevokedAt { get; set; }
    [Id(5)] public DateTimeOffset? UsedAt { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && UsedAt is null && ExpiresAt > now;
}
