using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Synap.Grains.Listening;

namespace Synap.Grains.Common;

public static class GrainServices
{
    /// <summary>What the grains need from DI on any silo (production, standalone or test): ids, time and the correlation filter.</summary>
    public static ISiloBuilder AddSynapGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton<IIdGenerator, RandomIdGenerator>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.AddIncomingGrainCallFilter<CorrelationLogScopeFilter>();
        silo.Services.AddOptions<ListenLeaseOptions>().BindConfiguration(ListenLeaseOptions.Section);
        return silo;
    }
}
