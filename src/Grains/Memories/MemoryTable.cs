using System.Data.Common;
using System.Text.Json;
using Synap.Grains.Common;
using Synap.Grains.Interfaces.Memories;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Telemetry;

namespace Synap.Grains.Memories;

/// <summary>
/// The <c>synap_memories</c> table (<c>Storage/Sql/*-memories.sql</c>): one row per memory, keyed by instance and
/// memory id, so no grain state grows with the number of memories. Every statement names the instance, is
/// parameterized, and is one indexed query; a listing is one page query plus one count with the same filter.
/// The two databases differ only in how they connect, keep time and fold case (<see cref="PostgresMemoryTable"/>,
/// <see cref="SqliteMemoryTable"/>).
/// </summary>
public abstract class MemoryTable(SynapMetrics metrics)
{
    private const string TableName = "synap_memories";

    private const string Columns =
        "memory_id, content, scope, scope_id, metadata, status, created_at, completed_at, correlation_id, content_sha256, token_estimate";

    private const string Pending = "pending";
    private const string Completed = "completed";

    /// <summary>Rows per INSERT statement: 7 parameters each stays far below either database's parameter limit.</summary>
    private const int InsertChunk = 100;

    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>The parameter value of a time in this database's column type.</summary>
    protected abstract object TimeValue(DateTimeOffset time);

    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>A condition true when <c>content</c> holds the text of parameter <c>@q</c>, ignoring case.</summary>
    protected abstract string ContentContainsQ { get; }

    /// <summary>Inserts the memories as pending in one transaction: one commit (one disk flush) for a whole group.</summary>
    public Task InsertAsync(string instanceId, IReadOnlyList<Memory> memories, CancellationToken ct = default) =>
        CountingFailuresAsync("insert", () => InsertCoreAsync(instanceId, memories, ct));

    private async Task InsertCoreAsync(string instanceId, IReadOnlyList<Memory> memories, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var chunk in memories.Chunk(InsertChunk))
        {
            var rows = new List<string>(chunk.Length);
            var parameters = new List<(string, object?)> { ("i", instanceId), ("status", Pending) };
            for (var n = 0; n < chunk.Length; n++)
            {
                var memory = chunk[n];
                rows.Add($"(@i, @m{n}, @content{n}, @scope{n}, @scope_id{n}, @metadata{n}, @status, @created_at{n}, NULL, @correlation_id{n}, NULL, NULL)");
                parameters.AddRange([($"m{n}", memory.Id), ($"content{n}", memory.Content), ($"scope{n}", FieldRules.ToSnakeCase(memory.Scope)),
                    ($"scope_id{n}", memory.ScopeId), ($"metadata{n}", JsonSerializer.Serialize(memory.Metadata)),
                    ($"created_at{n}", TimeValue(memory.CreatedAt)), ($"correlation_id{n}", memory.CorrelationId)]);
            }
            await using var command = Command(connection, $"INSERT INTO synap_memories (instance_id, {Columns}) VALUES {string.Join(", ", rows)}", [.. parameters]);
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    public async Task<Memory?> GetAsync(string instanceId, string memoryId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, $"SELECT {Columns} FROM synap_memories WHERE instance_id = @i AND memory_id = @m",
            ("i", instanceId), ("m", memoryId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<Page<Memory>> ListAsync(string instanceId, MemoryFilter filter, PageRequest page, CancellationToken ct = default)
    {
        // The filter is built from fixed text only; every value is a parameter.
        var where = "instance_id = @i"
            + (filter.Scope is null ? "" : " AND scope = @scope")
            + (filter.Contains is null ? "" : " AND " + ContentContainsQ);
        var parameters = new List<(string, object?)> { ("i", instanceId) };
        if (filter.Scope is { } scope)
            parameters.Add(("scope", FieldRules.ToSnakeCase(scope)));
        if (filter.Contains is { } q)
            parameters.Add(("q", q));

        await using var connection = await OpenAsync(ct);
        long total;
        await using (var count = Command(connection, $"SELECT COUNT(*) FROM synap_memories WHERE {where}", [.. parameters]))
            total = Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);

        var offset = (long)(page.Page - 1) * page.PageSize;
        var memories = new List<Memory>(page.PageSize);
        if (offset < total)
        {
            parameters.Add(("limit", page.PageSize));
            parameters.Add(("offset", offset));
            await using var select = Command(connection,
                $"SELECT {Columns} FROM synap_memories WHERE {where} ORDER BY created_at, memory_id LIMIT @limit OFFSET @offset", [.. parameters]);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                memories.Add(Read(reader));
        }
        return new Page<Memory>(memories, page.Page, page.PageSize, (int)Math.Min(total, int.MaxValue));
    }

    /// <summary>Deletes the row; answers the status it had, or null when there was none.</summary>
    public Task<MemoryStatus?> DeleteAsync(string instanceId, string memoryId, CancellationToken ct = default) =>
        CountingFailuresAsync("delete", () => DeleteCoreAsync(instanceId, memoryId, ct));

    private async Task<MemoryStatus?> DeleteCoreAsync(string instanceId, string memoryId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, "DELETE FROM synap_memories WHERE instance_id = @i AND memory_id = @m RETURNING status",
            ("i", instanceId), ("m", memoryId));
        return await command.ExecuteScalarAsync(ct) is string status ? ParseStatus(status) : null;
    }

    public async Task<long> CountCompletedAsync(string instanceId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, "SELECT COUNT(*) FROM synap_memories WHERE instance_id = @i AND status = @status",
            ("i", instanceId), ("status", Completed));
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The oldest pending memories of the instance, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<PendingMemory>> ReadPendingAsync(string instanceId, int limit, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection,
            "SELECT memory_id, content, correlation_id FROM synap_memories WHERE instance_id = @i AND status = @status ORDER BY created_at, memory_id LIMIT @limit",
            ("i", instanceId), ("status", Pending), ("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var pending = new List<PendingMemory>();
        while (await reader.ReadAsync(ct))
            pending.Add(new PendingMemory(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return pending;
    }

    /// <summary>
    /// Completes the memories in one transaction; answers how many moved from pending to completed. A memory deleted
    /// (or completed by another activation) meanwhile is not counted.
    /// </summary>
    public Task<int> CompleteAsync(string instanceId, IReadOnlyList<IngestedMemory> ingested, DateTimeOffset completedAt, CancellationToken ct = default) =>
        CountingFailuresAsync("complete", () => CompleteCoreAsync(instanceId, ingested, completedAt, ct));

    private async Task<int> CompleteCoreAsync(string instanceId, IReadOnlyList<IngestedMemory> ingested, DateTimeOffset completedAt, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var completed = 0;
        foreach (var memory in ingested)
        {
            await using var command = Command(connection,
                "UPDATE synap_memories SET status = @completed, completed_at = @at, content_sha256 = @sha, token_estimate = @tokens "
                + "WHERE instance_id = @i AND memory_id = @m AND status = @pending",
                ("completed", Completed), ("at", TimeValue(completedAt)), ("sha", memory.ContentSha256), ("tokens", memory.TokenEstimate),
                ("i", instanceId), ("m", memory.Id), ("pending", Pending));
            command.Transaction = transaction;
            completed += await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return completed;
    }

    /// <summary>Deletes every memory of the instance; answers how many rows went.</summary>
    public Task<long> ClearAsync(string instanceId, CancellationToken ct = default) =>
        CountingFailuresAsync("clear", () => ClearCoreAsync(instanceId, ct));

    private async Task<long> ClearCoreAsync(string instanceId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, "DELETE FROM synap_memories WHERE instance_id = @i", ("i", instanceId));
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs a write, counting it in <see cref="SynapMetrics.StorageWriteFailures"/> when it fails (a cancellation is not a failure).</summary>
    private async Task<T> CountingFailuresAsync<T>(string operation, Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            metrics.StorageWriteFailed(TableName, operation);
            throw;
        }
    }

    private Task CountingFailuresAsync(string operation, Func<Task> write) =>
        CountingFailuresAsync(operation, async () =>
        {
            await write();
            return true;
        });

    /// <summary>Instances holding pending memories, in id order after <paramref name="after"/>, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<string>> InstancesWithPendingAsync(string? after, int limit, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection,
            "SELECT DISTINCT instance_id FROM synap_memories WHERE status = @status AND instance_id > @after ORDER BY instance_id LIMIT @limit",
            ("status", Pending), ("after", after ?? ""), ("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var instances = new List<string>();
        while (await reader.ReadAsync(ct))
            instances.Add(reader.GetString(0));
        return instances;
    }

    private Memory Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        FieldRules.TryParseEnum<MemoryScope>(reader.GetString(2), out var scope) ? scope : throw Corrupt("scope", reader.GetString(2)),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(4)) ?? [],
        ParseStatus(reader.GetString(5)),
        ReadTime(reader, 6),
        reader.IsDBNull(7) ? null : ReadTime(reader, 7),
        reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetInt32(10));

    private static MemoryStatus ParseStatus(string status) =>
        FieldRules.TryParseEnum<MemoryStatus>(status, out var parsed) ? parsed : throw Corrupt("status", status);

    private static InvalidOperationException Corrupt(string column, string value) =>
        new($"synap_memories.{column} holds '{value}', which this build does not know");

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
