namespace Synap.Api.Idempotency;

/// <summary>
/// Endpoint metadata: the route honours <c>Idempotency-Key</c> (API.md §8). Only for routes whose response holds
/// no secret, since the response is stored for 24 h and sent again.
/// </summary>
public sealed class IdempotentRoute
{
    public static IdempotentRoute Instance { get; } = new();

    private IdempotentRoute()
    {
    }
}
