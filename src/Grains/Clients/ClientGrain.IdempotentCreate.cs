using Synap.Grains.Idempotency;
using Synap.Grains.Interfaces.Instances;

namespace Synap.Grains.Clients;

/// <summary>
/// Creates that converge when retried. The API's idempotency record is written only after the route answered, so a
/// create that committed here and then lost its answer (its silo killed, the database gone before the audit record)
/// leaves the caller's retry to run again: this grain recognises it by its request id and answers with the instance the
/// first attempt made, instead of <c>409 NAME_CONFLICT</c> against itself.
/// </summary>
public sealed partial class ClientGrain
{
    /// <summary>The instance an earlier attempt of this same create (same request id: credential, key and body) made, if it is still listed.</summary>
    private string? CreatedEarlierBy(CreateInstanceCommand command)
    {
        if (command.RequestId is not { } requestId
            || !state.State.CreatedByRequest.TryGetValue(requestId, out var made)
            || time.GetUtcNow() - made.At > IdempotencyRecord.Lifetime
            || !state.State.Instances.ContainsKey(made.InstanceId))
            return null;
        return made.InstanceId;
    }

    /// <summary>Called inside the listing's commit: the entry is written with the listing, and entries past the idempotency lifetime are dropped.</summary>
    private void RememberCreation(string requestId, string instanceId)
    {
        var now = time.GetUtcNow();
        var requests = state.State.CreatedByRequest;
        foreach (var (id, made) in requests)
        {
            if (now - made.At > IdempotencyRecord.Lifetime)
                requests.Remove(id);
        }
        requests[requestId] = new CreatedByRequest(instanceId, now);
    }
}
