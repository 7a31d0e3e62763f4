using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Synap.Grains.Telemetry;

namespace Synap.Api.Authentication;

/// <summary>
/// The per-address limit of the anonymous routes that cost the cluster work (the bootstrap exchange, readiness),
/// as an ASP.NET Core rate-limiting policy; a route opts in with <c>RequireRateLimiting(AnonymousRouteLimit.Policy)</c>.
/// </summary>
public static class AnonymousRouteLimit
{
    public const string Policy = "synap-anonymous";

    public static IServiceCollection AddAnonymousRouteLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AbuseLimitOptions>>((rateLimiter, abuse) =>
        {
            var limits = abuse.Value;
            rateLimiter.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(RemoteAddress.PartitionOf(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.AnonymousRequestsPerWindow, Window = limits.Window, QueueLimit = 0 }));
            rateLimiter.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.RequestServices.GetRequiredService<SynapMetrics>().RateLimitRejected(SynapMetrics.RateLimits.AnonymousRoutes);
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.Window;
                return new ValueTask(AddressLimitRejection.Of(rejected.HttpContext.Response,
                    "Too many requests from this address", limits.AnonymousRequestsPerWindow, retryAfter).ExecuteAsync(rejected.HttpContext));
            };
        });
        return services;
    }
}
