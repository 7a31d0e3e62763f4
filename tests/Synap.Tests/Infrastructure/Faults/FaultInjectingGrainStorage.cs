using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Synap.Tests.Infrastructure.Faults;

/// <summary>
/// Wraps a silo's real grain storage and fails the writes a test chose through <see cref="StorageFaults"/>;
/// everything else goes to the real provider (PostgreSQL in our fixtures).
/// </summary>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        FailingAsync(stateName, grainId, grainState, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        FailingAsync(stateName, grainId, grainState, () => inner.ClearStateAsync(stateName, grainId, grainState));

    // The ADO.NET provider loads its queries when the silo starts: it must still take part in the lifecycle.
    public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);

    private static async Task FailingAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, Func<Task> write)
    {
        var fault = StorageFaults.Next(stateName, grainId);
        if (fault == StorageFaultKind.BeforeWrite)
            throw new InjectedFaultException($"injected: write of {stateName} for {grainId} failed");
        var etag = grainState.ETag;
        await write();
        if (fault == StorageFaultKind.AfterWrite)
        {
            // The caller never learns the new version, as when the connection drops after the commit.
            (grainState.ETag, grainState.RecordExists) = (etag, etag is not null);
            throw new InjectedFaultException($"injected: write of {stateName} for {grainId} committed, then failed");
        }
    }
}

public static class FaultInjectingGrainStorageExtensions
{
    /// <summary>
    /// Replaces the keyed grain storage <paramref name="name"/> (already registered, e.g. by <c>AddSynapStorage</c>)
    /// with a <see cref="FaultInjectingGrainStorage"/> around the same provider. Call it after the storage is added.
    /// </summary>
    public static IServiceCollection AddStorageFaults(this IServiceCollection services, string name)
    {
        var original = services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name));
        var create = original.KeyedImplementationFactory
            ?? throw new InvalidOperationException($"grain storage '{name}' is not registered by a factory");
        services.Remove(original);
        // Orleans resolves the lifecycle participant through this same keyed service, so the wrapper forwards it.
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, key) => new FaultInjectingGrainStorage((IGrainStorage)create(provider, key)));
        return services;
    }
}
