using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Synap.Grains.Access;
using Synap.Grains.Common;
using Synap.Grains.Instances;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Memories;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Memories;

/// <summary>
/// The memories of one instance. Rows live in <see cref="MemoryTable"/>, never in a grain state; this grain keeps only
/// the instance's standing (for <see cref="InstanceAccess"/>) and the count of completed memories in memory, and
/// serializes the instance's changes so that count stays exact; only acknowledgements interleave (they change no count,
/// and concurrent ones share one commit). A memory is acknowledged once its pending row is written; ingestion
/// completes it in the background (<c>MemoryStoreGrain.Ingestion.cs</c>).
/// </summary>
public sealed partial class MemoryStoreGrain(
    MemoryTable table,
    IIdGenerator ids,
    TimeProvider time,
    IOptions<MemoryIngestionOptions> options,
    ILogger<MemoryStoreGrain> logger) : Grain, IMemoryStoreGrain, IMemoryStoreMaintenance, IInstanceStandingObserver
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    private InstanceStanding? standing;
    private long completedCount;
    private MemoryInsertGroup? inserts;

    private string InstanceId => this.GetPrimaryKeyString();

    private MemoryInsertGroup Inserts => inserts ??= new(table, InstanceId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A guessed instance id reads nothing from the table and starts no work.
        if (await ReadStandingAsync() is null)
            return;
        completedCount = await table.CountCompletedAsync(InstanceId, cancellationToken);
        // Rows left pending by an earlier activation (a crash, a stop mid-ingestion) are taken up now.
        ArmIngestion(options.Value.Delay);
    }

    public async Task<Outcome<MemoryReceipt>> Add(AddMemoryCommand command, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await AuthorizeAsync(actor, InstanceOperation.Agent) is { } denied)
            return denied;
        if (MemoryValidation.Check(command, out var scope) is { } invalid)
            return invalid;

        var memory = new Memory(ids.NewId(MemoryRules.IdPrefix, 16), command.Content!, scope, command.ScopeId,
            command.Metadata ?? NoMetadata, MemoryStatus.Pending, Now(), CompletedAt: null, CallerCorrelationId(), null, null);
        // The reminder first: were the silo to die between the two writes, the row would otherwise wait for the next silo start.
        await KeepReminderAsync();
        await Inserts.WriteAsync(memory);
        LogAccepted(InstanceId, memory.Id);
        ArmIngestion(options.Value.Delay);
        return new MemoryReceipt(memory.Id, memory.Status, memory.CreatedAt, memory.CorrelationId);
    }

    public async Task<Outcome<Memory>> Get(string memoryId, Actor actor)
    {
        if (await AuthorizeAsync(actor, InstanceOperation.Agent) is { } denied)
            return denied;
        if (!MemoryRules.IsMemoryId(memoryId))
            return InvalidMemoryId();
        return await table.GetAsync(InstanceId, memoryId) is { } memory ? memory : NotFound(memoryId);
    }

    public async Task<Outcome<Page<Memory>>> List(ListMemoriesQuery query, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await AuthorizeAsync(actor, InstanceOperation.Agent) is { } denied)
            return denied;
        if (MemoryValidation.Check(query, out var filter) is { } invalid)
            return invalid;
        return await table.ListAsync(InstanceId, filter, query.Page);
    }

    public async Task<Outcome<string>> Delete(string memoryId, Actor actor)
    {
        if (await AuthorizeAsync(actor, InstanceOperation.Agent) is { } denied)
            return denied;
        if (!MemoryRules.IsMemoryId(memoryId))
            return InvalidMemoryId();
        var deleted = await table.DeleteAsync(InstanceId, memoryId);
        if (deleted is null)
            return NotFound(memoryId);
        LogDeleted(InstanceId, memoryId);
        if (deleted == MemoryStatus.Completed)
            await CountChangedAsync(completedCount - 1);
        return memoryId;
    }

    public async Task<Outcome<long>> Count(Actor actor) =>
        await AuthorizeAsync(actor, InstanceOperation.Read) is { } denied ? denied : completedCount;

    public async Task<Outcome<long>> Clear(Actor actor)
    {
        if (await AuthorizeAsync(actor, InstanceOperation.Manage) is { } denied)
            return denied;
        var removed = await table.ClearAsync(InstanceId);
        LogCleared(InstanceId, removed);
        await CountChangedAsync(0);
        return removed;
    }

    public Task<long> GetCompletedCount() => Task.FromResult(completedCount);

    public Task OnStandingChanged(InstanceStanding standing)
    {
        this.standing = standing;
        return Task.CompletedTask;
    }

    private async Task<Failure?> AuthorizeAsync(Actor actor, InstanceOperation operation)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return InstanceAccess.Check(actor, InstanceId, standing ?? await ReadStandingAsync(), operation);
    }

    /// <summary>Re-read while unknown: an activation made before its instance existed must not keep refusing it.</summary>
    private async Task<InstanceStanding?> ReadStandingAsync() =>
        standing = await GrainFactory.GetGrain<IInstanceMembership>(InstanceId).GetStanding();

    /// <summary>Sets the count and tells the instance, which shows it as <c>memories_count</c> without asking on every read.</summary>
    private async Task CountChangedAsync(long count)
    {
        completedCount = count;
        try
        {
            await GrainFactory.GetGrain<IInstanceMembership>(InstanceId).OnMemoriesCountChanged(count);
        }
        catch (Exception e)
        {
            // The instance reads the count again when it next activates; the table stays the truth.
            LogCountNotTold(e, count);
        }
    }

    /// <summary>Microseconds: what both databases keep, so an answer equals what a later read returns.</summary>
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
    }

    /// <summary>The request's correlation id (API.md §1), carried by the call; a trusted caller without one gets a new id.</summary>
    private static string CallerCorrelationId() =>
        RequestContext.Get(RequestContextKeys.CorrelationId) is string { Length: > 0 and <= 128 } id ? id : $"req_{Guid.NewGuid()}";

    private static Failure InvalidMemoryId() => Failure.InvalidInput("memory_id", "must be mem_ + 16 lowercase hex");

    private static Failure NotFound(string memoryId) => Failure.Of(ErrorCodes.NotFound, "Memory not found", ("memory_id", memoryId));
}
