using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Synap.Tests.Infrastructure;

/// <summary>Sends requests the way a REST user does: a bearer key, a JSON body, and reads status, headers and JSON.</summary>
public sealed class ApiCaller(HttpClient http)
{
    public HttpClient Http => http;

    public Task<ApiResponse> Get(string path, string? key = SynapApiFactory.AdminKey) => Send(HttpMethod.Get, path, key);

    public Task<ApiResponse> Delete(string path, string? key = SynapApiFactory.AdminKey) => Send(HttpMethod.Delete, path, key);

    public Task<ApiResponse> Post(string path, object? body, string? key = SynapApiFactory.AdminKey) => Send(HttpMethod.Post, path, key, body);

    public Task<ApiResponse> Patch(string path, object? body, string? key = SynapApiFactory.AdminKey) => Send(HttpMethod.Patch, path, key, body);

    public async Task<ApiResponse> Send(HttpMethod method, string path, string? key, object? body = null,
        string contentType = "application/json", Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
        {
            var text = body as string ?? JsonSerializer.Serialize(body);
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        configure?.Invoke(request);
        using var response = await http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        var json = raw.Length > 0 && raw.TrimStart().StartsWith('{') || raw.TrimStart().StartsWith('[')
            ? JsonDocument.Parse(raw).RootElement.Clone()
            : default;
        return new ApiResponse(response.StatusCode, json, response.Headers, raw);
    }
}
