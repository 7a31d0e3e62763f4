using System.Text.Json;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>The OpenAPI document (API.md §12) describes what the routes really answer, so generated SDKs get the right types.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OpenApiDocumentTests(ClusterFixture cluster)
{
    private readonly ApiCaller api = cluster.Api1.Caller();

    [Theory]
    [InlineData("/dashboard/clients", "post", "201", "ClientView")]
    [InlineData("/dashboard/clients/{clientId}", "get", "200", "ClientView")]
    [InlineData("/dashboard/instances", "post", "201", "InstanceDetail")]
    [InlineData("/dashboard/instances", "get", "200", "PageOfInstanceSummary")]
    [InlineData("/dashboard/instances/{ownerId}/api-keys", "post", "201", "CreatedApiKey")]
    [InlineData("/instances/{instanceId}/memory-architecture/init", "post", "201", "ConfigVersion")]
    [InlineData("/api/v1/keys/bootstrap", "post", "200", "ExchangedApiKey")]
    public async Task Routes_document_their_success_status_and_body(string path, string method, string status, string schema)
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);

        var content = operation.GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty("application/json");
        Assert.Equal($"#/components/schemas/{schema}", content.GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/ApiError",
            operation.GetProperty("responses").GetProperty("404").GetProperty("content").GetProperty("application/json")
                .GetProperty("schema").GetProperty("$ref").GetString());
    }

    [Fact]
    public async Task Documented_fields_are_snake_case_with_numbers_as_numbers_and_context_as_an_object()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var client = schemas.GetProperty("ClientView").GetProperty("properties");

        Assert.True(client.TryGetProperty("rate_limit_per_minute", out var limit));
        Assert.Equal("integer", limit.GetProperty("type").GetString());
        Assert.Equal("object", schemas.GetProperty("JsonText").GetProperty("type").GetString());
        Assert.True(schemas.GetProperty("InstanceDetail").GetProperty("properties").TryGetProperty("api_calls_24h", out _));
    }

    /// <summary>Routes that take no request body; every other POST, PATCH or PUT must document the JSON it reads.</summary>
    private static readonly HashSet<string> BodylessRoutes =
    [
        "post /dashboard/instances/{instanceId}/bootstrap-key",
        "post /dashboard/instances/{instanceId}/revoke-key",
        "post /dashboard/instances/{instanceId}/reset",
        "post /instances/{instanceId}/memory-architecture/versions/{version}/approve",
        "post /instances/{instanceId}/memory-architecture/versions/{version}/apply",
        "post /instances/{instanceId}/memory-architecture/versions/{version}/reject",
    ];

    [Fact]
    public async Task Every_route_that_reads_a_body_documents_it()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var seen = new HashSet<string>();
        var undocumented = new List<string>();
        foreach (var path in paths.EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "post" or "patch" or "put"))
            {
                var route = $"{operation.Name} {path.Name}";
                seen.Add(route);
                var documented = operation.Value.TryGetProperty("requestBody", out var body)
                    && body.GetProperty("content").TryGetProperty("application/json", out var json)
                    && json.GetProperty("schema").TryGetProperty("$ref", out _);
                if (!documented && !BodylessRoutes.Contains(route))
                    undocumented.Add(route);
            }

        Assert.Empty(undocumented);
        Assert.Empty(BodylessRoutes.Except(seen));
    }

    [Theory]
    [InlineData("/dashboard/clients/{clientId}", "ClientPatchBody", "name,website,description,context,status,tier,rate_limit_per_minute,burst")]
    [InlineData("/dashboard/instances/{instanceId}", "InstancePatchBody", "name,description,metadata,status")]
    public async Task Patch_bodies_show_every_field_the_route_reads(string path, string schema, string fields)
    {
        var document = await DocumentAsync();
        var body = document.GetProperty("paths").GetProperty(path).GetProperty("patch").GetProperty("requestBody");

        Assert.Equal($"#/components/schemas/{schema}",
            body.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        var properties = document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(fields.Split(',').Order(), properties);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await api.Get("/openapi/v1.json", key: null);
        Assert.Equal(200, response.Code);
        return response.Json;
    }
}
