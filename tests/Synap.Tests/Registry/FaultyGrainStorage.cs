using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Synap.Tests.Registry;

/// <summary>
/// A grain storage that forwards to the real one but fails the next writes (and clears) of chosen state names,
/// as a storage outage would: the provider throws and nothing is stored.
/// </summary>
/// <remarks>
/// Not the shared <c>Infrastructure/Faults</c> wrapper: its rules are static and name one grain, while these tests fail
/// writes of a state name for whichever grain comes next (a client id not known in advance). A rule per wrapper
/// instance keeps that from reaching the silos of other fixtures running in parallel.
/// </remarks>
public sealed class FaultyGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<string, int> failures = new();

    /// <summary>Makes the next <paramref name="count"/> writes of <paramref name="stateName"/> fail.</summary>
    public void FailNextWrites(string stateName, int count = 1) => failures[stateName] = count;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ShouldFail(stateName) ? Fault(stateName, grainId) : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ShouldFail(stateName) ? Fault(stateName, grainId) : inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    /// <summary>Replaces the keyed storage <paramref name="name"/> of a silo by a faulty wrapper around it.</summary>
    public static void Wrap(IServiceCollection services, string name)
    {
        var original = services.Last(s => s.ServiceType == typeof(IGrainStorage) && Equals(s.ServiceKey, name));
        services.Remove(original);
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, key) =>
            new FaultyGrainStorage((IGrainStorage)original.KeyedImplementationFactory!(provider, key)));
    }

    private bool ShouldFail(string stateName)
    {
        while (failures.TryGetValue(stateName, out var left) && left > 0)
            if (failures.TryUpdate(stateName, left - 1, left))
                return true;
        return false;
    }

    private static Task Fault(string stateName, GrainId grainId) =>
        Task.FromException(new InvalidOperationException($"Injected storage fault writing {stateName} of {grainId}"));
}
