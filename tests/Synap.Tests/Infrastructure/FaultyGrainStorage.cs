using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Synap.Tests.Infrastructure;

/// <summary>
/// Wraps a silo's grain storage so a test can make chosen writes of one grain key fail: before they reach storage (the
/// write is lost) or after (the write is stored but the caller sees an error, like a timeout after commit).
/// </summary>
public sealed class FaultyGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public enum Fault { BeforeWrite, AfterWrite }

    // Keyed by state name and grain key; each value is the queue of faults the next writes of that row meet.
    private static readonly ConcurrentDictionary<(string State, string Key), ConcurrentQueue<Fault?>> Plans = new();

    /// <summary>The next writes of state <paramref name="stateName"/> of <paramref name="grainKey"/> meet these faults in turn (null: succeeds).</summary>
    public static void Plan(string stateName, string grainKey, params Fault?[] faults) => Plans[(stateName, grainKey)] = new(faults);

    /// <summary>Replaces the named storage of a silo's services by this wrapper around it.</summary>
    public static void Wrap(IServiceCollection services, string storageName)
    {
        var original = services.Single(s => s.IsKeyedService && Equals(s.ServiceKey, storageName) && s.ServiceType == typeof(IGrainStorage));
        services.Remove(original);
        services.AddKeyedSingleton<IGrainStorage>(storageName, (provider, key) =>
            new FaultyGrainStorage((IGrainStorage)original.KeyedImplementationFactory!(provider, key)));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var fault = NextFault(stateName, grainId);
        if (fault == Fault.BeforeWrite)
            throw new InjectedStorageFault(stateName, grainId);
        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (fault == Fault.AfterWrite)
            throw new InjectedStorageFault(stateName, grainId);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private static Fault? NextFault(string stateName, GrainId grainId) =>
        Plans.TryGetValue((stateName, grainId.Key.ToString()!), out var plan) && plan.TryDequeue(out var fault) ? fault : null;
}

public sealed class InjectedStorageFault(string stateName, GrainId grainId) : Exception($"Injected fault writing {stateName} of {grainId}");
