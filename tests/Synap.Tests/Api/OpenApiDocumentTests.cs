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

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await api.Get("/openapi/v1.json", key: null);
        Assert.Equal(200, response.Code);
        return response.Json;
    }
}
