using System.Text.Json;
using System.Text.RegularExpressions;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>A client made for one test, with one client key.</summary>
public sealed record Tenant(string ClientId, string ClientKey);

/// <summary>The steps the instance tests share: tenants, instances in a given status, and reads of what a user sees.</summary>
public sealed partial class InstanceSteps(ApiCaller api)
{
    public const string Admin = SynapApiFactory.AdminKey;
    public const string MinimalConfig = "memory:\n  kind: episodic\n";

    public ApiCaller Api => api;

    public Scenario Scenario { get; } = new(api);

    public async Task<Tenant> NewTenantAsync()
    {
        var clientId = await Scenario.CreateUnthrottledClientAsync();
        return new Tenant(clientId, await Scenario.CreateClientKeyAsync(clientId));
    }

    public Task<ApiResponse> CreateAsync(string clientId, object body, string? key = Admin) =>
        api.Post($"/dashboard/instances?client_id={clientId}", body, key);

    public async Task<string> CreateInstanceAsync(string clientId, string? name = null, string? parentId = null) =>
        await Scenario.CreateInstanceAsync(clientId, name, parentId);

    public Task<ApiResponse> GetAsync(string instanceId, string? key = Admin) => api.Get($"/dashboard/instances/{instanceId}", key);

    public Task<ApiResponse> PatchAsync(string instanceId, object body, string? key = Admin) =>
        api.Patch($"/dashboard/instances/{instanceId}", body, key);

    public Task<ApiResponse> ArchiveAsync(string instanceId, string? key = Admin) => api.Delete($"/dashboard/instances/{instanceId}", key);

    public Task<ApiResponse> InitAsync(string instanceId, object body, string? key = Admin) =>
        api.Post($"/instances/{instanceId}/memory-architecture/init", body, key);

    public Task<ApiResponse> ListAsync(string clientId, string query = "", string? key = Admin) =>
        api.Get($"/dashboard/instances?client_id={clientId}{query}", key);

    public async Task<string> StatusOfAsync(string instanceId)
    {
        var read = await GetAsync(instanceId);
        Assert.True(read.Code == 200, read.ToString());
        return read.Str("status");
    }

    /// <summary>A new instance of the client brought to <paramref name="status"/> by the only routes that lead there.</summary>
    public async Task<string> InstanceInStatusAsync(string clientId, string status)
    {
        var id = await CreateInstanceAsync(clientId);
        if (status == "provisioning")
            return id;
        if (status == "archived")
        {
            Expect(200, await ArchiveAsync(id));
            return id;
        }
        await Scenario.InitAsync(id);
        if (status is "inactive" or "suspended")
            Expect(200, await PatchAsync(id, new { status }));
        Assert.Equal(status, await StatusOfAsync(id));
        return id;
    }

    public static void Expect(int status, ApiResponse response) => Assert.True(response.Code == status, $"expected {status}, got {response}");

    /// <summary>Asserts an API.md error body: status, code, and that <c>details</c> is an object.</summary>
    public static void ExpectError(int status, string code, ApiResponse response)
    {
        Assert.True(response.Code == status && response.ErrorCode == code, $"expected {status} {code}, got {response}");
        Assert.Equal(JsonValueKind.Object, response.Json.GetProperty("details").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(response.Json.GetProperty("error").GetString()));
    }

    public static string? Detail(ApiResponse response, string name) =>
        response.Json.GetProperty("details").TryGetProperty(name, out var value) ? value.GetString() : null;

    public static void ExpectInvalidInput(string field, ApiResponse response)
    {
        ExpectError(400, "INVALID_INPUT", response);
        Assert.Equal(field, Detail(response, "field"));
    }

    public static string[] FieldNames(JsonElement element) => element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    public static void ExpectFields(JsonElement element, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal).ToArray(), FieldNames(element));

    public static void ExpectUtcTime(JsonElement value) =>
        Assert.Matches(UtcTime(), value.GetString() ?? throw new InvalidOperationException($"expected a time, got {value}"));

    public static DateTimeOffset Time(JsonElement value) => DateTimeOffset.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    public static Dictionary<string, string> Metadata(ApiResponse response) =>
        response.Json.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    public static string[] Ids(ApiResponse page) => page.Json.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToArray();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    private static partial Regex UtcTime();
}
