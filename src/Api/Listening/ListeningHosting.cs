using Microsoft.Extensions.DependencyInjection.Extensions;
using Synap.Grains.Listening;

namespace Synap.Api.Listening;

public static class ListeningHosting
{
    /// <summary>The API node's side of listen streams: lease timing (shared with the silos), stream options, the open sessions.</summary>
    public static WebApplicationBuilder AddSynapListening(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ListenLeaseOptions>().BindConfiguration(ListenLeaseOptions.Section)
            .Validate(o => o.Validate() is null, $"{ListenLeaseOptions.Section}: RenewPeriod and Duration must be positive and Duration longer than RenewPeriod")
            .ValidateOnStart();
        builder.Services.AddOptions<ListenStreamOptions>().BindConfiguration(ListenStreamOptions.Section)
            .Validate(o => o.PingPeriod > TimeSpan.Zero && o.MaxQueuedMessages >= 1, $"{ListenStreamOptions.Section}: PingPeriod must be positive and MaxQueuedMessages ≥ 1")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ListenSessions>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ListenSessions>());
        return builder;
    }
}
