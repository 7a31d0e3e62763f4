namespace Synap.Grains.Usage;

/// <summary>
/// What a key owner's traffic changes, kept apart from the owner's own state so that the usage flush writes only
/// this small record and never rewrites keys, config or listings.
/// </summary>
[GenerateSerializer, Alias("synap.usage-state.v1")]
public sealed class UsageState
{
    /// <summary>Credential id → when the key was last admitted; only keys the owner still holds.</summary>
    [Id(0)] public Dictionary<string, DateTimeOffset> KeysLastUsedAt { get; set; } = [];

    /// <summary>An instance's admitted calls (api_calls_24h); unused for a client.</summary>
    [Id(1)] public RollingHourlyCounter ApiCalls { get; set; } = new();

    /// <summary>An instance's last admitted call (last_active_at); unused for a client.</summary>
    [Id(2)] public DateTimeOffset? LastActiveAt { get; set; }
}
