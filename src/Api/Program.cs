using Synap.Api.Endpoints;
using Synap.Api.Endpoints.Listening;
using Synap.Api.Endpoints.Memories;
using Synap.Api.Hosting;
using Synap.Api.Listening;
using Synap.Api.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddSynapOrleans();
builder.AddSynapApi();
builder.AddSynapListening();
builder.AddSynapGrpc();
builder.AddSynapTelemetry();

var app = builder.Build();
app.UseSynapApi();
app.MapHealth();
app.MapClients();
app.MapInstances();
app.MapApiKeys();
app.MapMemoryArchitecture();
app.MapConfigVersions();
app.MapAuditLogs();
app.MapBootstrapKeys();
app.MapWhoAmI();
app.MapListen();
app.MapEvents();
app.MapBundles();
app.MapSynapGrpc();
app.MapMemories();
app.MapOpenApi("/openapi/{documentName}.json");
app.Run();

/// <summary>Visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
