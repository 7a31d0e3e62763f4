namespace Synap.Faults;

/// <summary>The loads every fault runs under: the one place a new kind of traffic is added.</summary>
public static class Loads
{
    public static async Task<IReadOnlyList<ILoad>> CreateAsync(IReadOnlyList<ApiNode> apis, ResilientCaller caller, string adminKey,
        FaultOptions options, string runId) =>
    [
        await MixedLoad.CreateAsync(apis, caller, adminKey, options.WorkersPerNode, options.OpsPerWorkerPerSecond, runId),
        await ListenLoad.CreateAsync(apis, caller, adminKey, options.ListenersPerNode, options.BundlesPerSecond, runId),
    ];
}
