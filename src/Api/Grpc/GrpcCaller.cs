using Grpc.Core;
using Synap.Api.Authentication;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Api.Grpc;

/// <summary>The instance key that opened a listen stream: who it is and the hash that charges its bucket per message.</summary>
public sealed record GrpcCaller(Actor Actor, string InstanceId, string CredentialId, string KeyHash)
{
    /// <summary>
    /// Authenticates a call from its <c>authorization</c> metadata by exactly the HTTP rules (<see cref="KeyAuthenticator"/>).
    /// A missing, malformed, unknown or revoked key is <c>UNAUTHENTICATED</c>; an address that used up its refused keys
    /// and a key over its rate limit are <c>RESOURCE_EXHAUSTED</c>; any key but an instance key is <c>PERMISSION_DENIED</c>.
    /// </summary>
    public static async Task<GrpcCaller> AuthenticateAsync(ServerCallContext call, KeyAuthenticator authenticator)
    {
        var http = call.GetHttpContext();
        var check = await authenticator.CheckAsync(call.RequestHeaders.GetValue("authorization"), RemoteAddress.PartitionOf(http));
        switch (check.Status)
        {
            case KeyCheckStatus.Missing:
                throw GrpcStatus.Exception(Failure.Of(ErrorCodes.AuthenticationRequired, "Authentication required: send 'authorization: Bearer <instance key>'"));
            case KeyCheckStatus.Refused:
                throw GrpcStatus.Exception(check.Failure!);
            case KeyCheckStatus.AddressLimited:
                throw GrpcStatus.Exception(Failure.Of(ErrorCodes.RateLimitExceeded, "Too many requests with invalid API keys from this address",
                    ("limit", Text(authenticator.FailureLimit)), ("retry_after", Text(Seconds(check.RetryAfter!.Value)))));
            case KeyCheckStatus.Admin:
                throw GrpcStatus.Exception(Failure.Forbidden("the listen stream needs an instance key"));
        }
        var authorization = check.Authorization!;
        if (authorization.Actor is not { Type: ActorType.InstanceKey, InstanceId: { } instanceId, CredentialId: { } credentialId })
            throw GrpcStatus.Exception(Failure.Forbidden("the listen stream needs an instance key"));
        if (!authorization.RateLimit.Allowed)
            throw GrpcStatus.Exception(RateLimited(authorization.RateLimit));
        return new GrpcCaller(authorization.Actor, instanceId, credentialId, check.KeyHash!);
    }

    public static Failure RateLimited(Grains.Interfaces.RateLimiting.RateLimitDecision decision) =>
        Failure.Of(ErrorCodes.RateLimitExceeded, "Rate limit exceeded for this API key",
            ("limit", Text(decision.Policy.PerMinute)), ("remaining", Text(decision.Remaining)), ("retry_after", Text(decision.RetryAfterSeconds)));

    private static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
