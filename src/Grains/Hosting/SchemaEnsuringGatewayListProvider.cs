using Orleans.Messaging;
using Synap.Grains.Storage;

namespace Synap.Grains.Hosting;

/// <summary>
/// The client's ADO.NET gateway list, preceded by the schema script: a client may start before any silo, and it
/// reads the clustering queries while connecting, before any client lifecycle stage runs.
/// </summary>
internal sealed class SchemaEnsuringGatewayListProvider(string connectionString, IGatewayListProvider inner)
    : IGatewayListProvider
{
    public TimeSpan MaxStaleness => inner.MaxStaleness;

    [Obsolete("Orleans considers every gateway list provider updatable.")]
    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => InitializeGatewayListProviderAsync(CancellationToken.None);

    public async Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken)
    {
        await PostgresSchema.EnsureCreatedAsync(connectionString, cancellationToken);
        await inner.InitializeGatewayListProviderAsync(cancellationToken);
    }

    public Task<IList<Uri>> GetGateways() => inner.GetGateways();

    public Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken) => inner.GetGatewaysAsync(cancellationToken);
}
