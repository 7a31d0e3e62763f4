using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Grains.Clients;

/// <summary>The rate limits of API.md §3: fixed for <c>free</c> and <c>pro</c>, admin-set for <c>enterprise</c>.</summary>
public static class TierLimits
{
    public static (int PerMinute, int Burst) For(ClientTier tier) => tier switch
    {
        ClientTier.Free => (60, 10),
        ClientTier.Pro => (600, 50),
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "enterprise limits are set per client"),
    };

    /// <summary>Resolves the limits a tier change asks for; enterprise needs both numbers, positive.</summary>
    public static Outcome<(int PerMinute, int Burst)> Resolve(ClientTier tier, long? perMinute, long? burst, (int PerMinute, int Burst)? current)
    {
        if (tier != ClientTier.Enterprise)
        {
            if (perMinute is not null)
                return Failure.InvalidInput("rate_limit_per_minute", "can only be set for the enterprise tier");
            if (burst is not null)
                return Failure.InvalidInput("burst", "can only be set for the enterprise tier");
            return For(tier);
        }
        var rate = perMinute ?? current?.PerMinute;
        var size = burst ?? current?.Burst;
        if (rate is null)
            return Failure.InvalidInput("rate_limit_per_minute", "is required for the enterprise tier");
        if (size is null)
            return Failure.InvalidInput("burst", "is required for the enterprise tier");
        if (rate is < 1 or > int.MaxValue)
            return Failure.InvalidInput("rate_limit_per_minute", "must be a positive integer");
        if (size is < 1 or > int.MaxValue)
            return Failure.InvalidInput("burst", "must be a positive integer");
        return ((int)rate.Value, (int)size.Value);
    }
}
