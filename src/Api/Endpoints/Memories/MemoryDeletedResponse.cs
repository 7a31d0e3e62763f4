namespace Synap.Api.Endpoints.Memories;

/// <summary>The answer to <c>DELETE /v1/memories/{memory_id}</c>: <c>{"success": true}</c>.</summary>
public sealed record MemoryDeletedResponse(bool Success);
