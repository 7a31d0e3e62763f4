using Synap.Api.Endpoints;
using Synap.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSynapOrleans();
builder.AddSynapApi();

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
app.MapOpenApi("/openapi/{documentName}.json");
app.Run();

/// <summary>Visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
