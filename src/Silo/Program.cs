using Synap.Grains.Common;
using Synap.Grains.Hosting;
using Synap.Grains.Telemetry;

// A silo of the cluster (API.md §13): PostgreSQL clustering, grain state and reminders; no HTTP of its own.
var builder = Host.CreateApplicationBuilder(args);
var options = SynapOrleansOptions.FromConfiguration(builder.Configuration);
if (string.IsNullOrWhiteSpace(options.ConnectionString))
    throw new InvalidOperationException("A silo needs ConnectionStrings:Synap (PostgreSQL). For a single process, run src/Api in Standalone mode.");
builder.UseOrleans(silo => silo.UseSynapClustering(options).AddSynapStorage(options).AddSynapGrains());
builder.AddSynapSiloTelemetry();
builder.Build().Run();
