using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Timers;

namespace Synap.Tests.Infrastructure.Faults;

/// <summary>
/// Counts the grain timers each grain registers, by wrapping the silo's <see cref="ITimerRegistry"/>: a test can
/// check that an activation left no periodic work behind.
/// </summary>
public static class TimerRegistrations
{
    private static readonly ConcurrentDictionary<GrainId, int> Counts = new();

    /// <summary>How many timers activations of this grain registered since the silo started.</summary>
    public static int Of(IAddressable grain) => Counts.GetValueOrDefault(grain.GetGrainId());

    /// <summary>Wraps the silo's timer registry (registered by Orleans' defaults, before any configurator runs).</summary>
    public static IServiceCollection CountTimerRegistrations(this IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(ITimerRegistry));
        var implementation = original.ImplementationType
            ?? throw new InvalidOperationException("the timer registry is not registered by type");
        services.AddKeyedSingleton(typeof(ITimerRegistry), nameof(TimerRegistrations), implementation);
        services.AddSingleton<ITimerRegistry>(provider =>
            new CountingTimerRegistry(provider.GetRequiredKeyedService<ITimerRegistry>(nameof(TimerRegistrations))));
        return services;
    }

    private sealed class CountingTimerRegistry(ITimerRegistry inner) : ITimerRegistry
    {
        [Obsolete("Use RegisterGrainTimer.")]
        public IDisposable RegisterTimer(IGrainContext grainContext, Func<object?, Task> callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Counts.AddOrUpdate(grainContext.GrainId, 1, (_, n) => n + 1);
            return inner.RegisterTimer(grainContext, callback, state, dueTime, period);
        }

        public IGrainTimer RegisterGrainTimer<TState>(IGrainContext grainContext, Func<TState, CancellationToken, Task> callback, TState state,
            GrainTimerCreationOptions options)
        {
            Counts.AddOrUpdate(grainContext.GrainId, 1, (_, n) => n + 1);
            return inner.RegisterGrainTimer(grainContext, callback, state, options);
        }
    }
}
