using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Memories;
using Synap.Grains.Storage;
using Synap.Grains.Telemetry;

namespace Synap.Grains.Hosting;

/// <summary>
/// Composable silo configuration. A real silo calls both methods; a <c>TestCluster</c> silo configurator, which
/// sets its own clustering, endpoints and cluster id, calls only <see cref="AddSynapStorage"/>.
/// </summary>
public static class SynapSiloBuilderExtensions
{
    /// <summary>
    /// Grain locations a silo remembers (Orleans' default is 1 000 000, about 400 bytes each). Every activation,
    /// including the short-lived index lookup of a guessed key, leaves an entry, so the default let key guessing
    /// grow a silo by ~40 MB per 100 000 guesses; the hot working set of a node is far smaller than this.
    /// </summary>
    public const int DirectoryCacheSize = 20_000;

    /// <summary>
    /// With a connection string: ADO.NET clustering on PostgreSQL, the cluster identity and the endpoints
    /// (<see cref="SynapOrleansOptions.AdvertisedIP"/>, silo and gateway ports). Without: localhost clustering on
    /// the same ports, gateway open so a trusted Orleans client can connect.
    /// </summary>
    public static ISiloBuilder UseSynapClustering(this ISiloBuilder builder, SynapOrleansOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MembershipClock.Register(builder.Services);

        builder.Services.Configure<GrainDirectoryOptions>(directory => directory.CacheSize = DirectoryCacheSize);
        if (options.ConnectionString is not { } connectionString)
        {
            return builder.UseLocalhostClustering(
                options.SiloPort, options.GatewayPort, primarySiloEndpoint: null, options.ServiceId, options.ClusterId);
        }

        builder.Services.AddSynapSchema(options);
        MembershipTuning.Apply(builder.Services);
        return builder
            .UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = PostgresSchema.Invariant;
                clustering.ConnectionString = connectionString;
            })
            .Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            })
            .ConfigureEndpoints(options.AdvertisedIP, options.SiloPort, options.GatewayPort);
    }

    /// <summary>
    /// Grain storages <see cref="SynapStorage.Name"/> and <see cref="SynapStorage.PubSubStore"/> on PostgreSQL, or on
    /// the SQLite file in standalone mode; reminders on PostgreSQL, or in memory in standalone mode (Orleans has no
    /// SQLite reminder table). The schema is created when the silo starts.
    /// </summary>
    public static ISiloBuilder AddSynapStorage(this ISiloBuilder builder, SynapOrleansOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        builder.Services.AddSynapSchema(options);
        AddGrainStorage(builder, SynapStorage.Name, options);
        AddGrainStorage(builder, SynapStorage.PubSubStore, options);
        // Instance event streams (API.md §10) for trusted back ends; their subscriptions live in PubSubStore.
        builder.AddMemoryStreams(InstanceEventStream.ProviderName);
        builder.AddSynapMemories(options);
        builder.AddSynapTelemetry();

        return options.ConnectionString is { } connectionString
            ? builder.UseAdoNetReminderService(reminders =>
            {
                reminders.Invariant = PostgresSchema.Invariant;
                reminders.ConnectionString = connectionString;
            })
            : builder.UseInMemoryReminderService();
    }

    private static void AddGrainStorage(ISiloBuilder builder, string name, SynapOrleansOptions options) =>
        builder.AddAdoNetGrainStorage(name, (OptionsBuilder<AdoNetGrainStorageOptions> storage) =>
            storage.Configure<Serializer>((storageOptions, serializer) =>
            {
                (storageOptions.Invariant, storageOptions.ConnectionString) = options.ConnectionString is { } connectionString
                    ? (PostgresSchema.Invariant, connectionString)
                    : (SqliteSchema.Invariant, SqliteSchema.ConnectionString(options.DataPath));

                // Orleans' binary serializer is version tolerant by [Id] and stores no .NET type names, unlike the default JSON with $type.
                storageOptions.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                // A cleared state is gone for good (expired idempotency records), so its row is deleted rather than kept empty.
                storageOptions.DeleteStateOnClear = true;
            }));

    private static void AddSynapSchema(this IServiceCollection services, SynapOrleansOptions options)
    {
        if (services.Any(service => service.ServiceType == typeof(SynapSchemaInitializer)))
        {
            return;
        }

        services.AddSingleton(provider =>
            new SynapSchemaInitializer(options, provider.GetRequiredService<ILogger<SynapSchemaInitializer>>()));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider =>
            provider.GetRequiredService<SynapSchemaInitializer>());
    }
}
