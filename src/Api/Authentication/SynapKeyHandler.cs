using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Synap.Api.Errors;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Api.Authentication;

/// <summary>
/// Bearer authentication with the admin key or a <c>synap_</c> key. A key failing its checksum is refused
/// before any lookup; otherwise one cached index lookup and one call to the owner grain decide both who the
/// caller is and whether its bucket admits the request (API.md §3: a rejected request reaches no other grain).
/// Refused keys are counted per remote address; an address that used up its failures gets 429 without a lookup.
/// </summary>
public sealed class SynapKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminKey adminKey,
    KeyOwnerCache owners,
    FailedAuthenticationLimiter failures,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string FailureItem = "synap.auth-failure";
    private const string RejectionItem = "synap.auth-rejection";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
            return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
            return Refuse(Failure.Of(ErrorCodes.AuthenticationRequired, "Authorization must be 'Bearer <key>'"));
        var key = header[7..].Trim();

        if (adminKey.Matches(key))
            return Accept(Actor.Admin);
        var hash = ApiKeyFormat.HasValidChecksum(key) ? ApiKeyFormat.Hash(key) : null;
        var owner = hash is null ? null : owners.Cached(hash);
        if (owner is null && failures.RetryAfter(RemoteAddress.PartitionOf(Context)) is { } retryAfter)
        {
            Context.Items[RejectionItem] = AddressLimitRejection.Of(Response,
                "Too many requests with invalid API keys from this address", failures.Limit, retryAfter);
            return AuthenticateResult.Fail("Too many failed authentications");
        }
        if (hash is null)
            return RefuseKey(Failure.Of(ErrorCodes.InvalidApiKey, "Invalid API key"));

        owner ??= await owners.ResolveAsync(hash);
        if (owner is null)
            return RefuseKey(Failure.Of(ErrorCodes.InvalidApiKey, "Invalid API key"));
        var outcome = await AuthorizeAsync(owner, hash);
        if (outcome.Error is { } failure)
            return failure.Code == ErrorCodes.InvalidApiKey ? RefuseKey(failure) : Refuse(failure);
        var authorization = outcome.Value!;
        var decision = authorization.RateLimit;
        Response.OnStarting(() =>
        {
            RateLimitHeaders.Add(Response, decision);
            return Task.CompletedTask;
        });
        if (!decision.Allowed)
        {
            Context.Items[RejectionItem] = RateLimitHeaders.Rejection(decision);
            return AuthenticateResult.Fail("Rate limit exceeded");
        }
        Context.SetKeyAuthorization(authorization);
        return Accept(authorization.Actor);
    }

    /// <summary>One grain call: the owner checks the key; an instance key reading its own instance also gets the read.</summary>
    private async Task<Outcome<KeyAuthorization>> AuthorizeAsync(KeyOwner owner, string hash)
    {
        if (owner.Scope != ActorType.InstanceKey)
            return await grains.GetGrain<IClientGrain>(owner.ClientId).AuthorizeKey(owner.CredentialId, hash);
        var instance = grains.GetGrain<IInstanceGrain>(owner.InstanceId!);
        if (Context.GetEndpoint()?.Metadata.GetMetadata<SelfReadRoute>() is not { } route
            || Context.Request.RouteValues[route.InstanceIdRouteValue] as string != owner.InstanceId)
            return await instance.AuthorizeKey(owner.CredentialId, hash);
        var selfRead = await instance.AuthorizeAndGet(owner.CredentialId, hash);
        if (selfRead.Error is { } refused)
            return refused;
        if (selfRead.Value!.Detail is { } detail)
            SelfReadRoute.KeepRead(Context, detail);
        return selfRead.Value.Authorization;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[RejectionItem] is ErrorResult rejection)
            return rejection.ExecuteAsync(Context);
        var failure = Context.Items[FailureItem] as Failure
            ?? Failure.Of(ErrorCodes.AuthenticationRequired, "Authentication required: send 'Authorization: Bearer <key>'");
        if (failure.Code is ErrorCodes.AuthenticationRequired or ErrorCodes.InvalidApiKey)
            Response.Headers.WWWAuthenticate = "Bearer";
        return ErrorResult.From(failure).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ErrorResult.From(Failure.Forbidden("this key's scope does not allow this route")).ExecuteAsync(Context);

    private AuthenticateResult Accept(Actor actor)
    {
        if (actor.IsAdmin)
            Context.SetActor(actor);
        var claims = new List<Claim> { new("scope", actor.Type.ToString()) };
        if (actor.CredentialId is { } credentialId)
            claims.Add(new Claim("credential_id", credentialId));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SynapKeyDefaults.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SynapKeyDefaults.Scheme));
    }

    private AuthenticateResult RefuseKey(Failure failure)
    {
        failures.RecordFailure(RemoteAddress.PartitionOf(Context));
        return Refuse(failure);
    }

    private AuthenticateResult Refuse(Failure failure)
    {
        Context.Items[FailureItem] = failure;
        return AuthenticateResult.Fail(failure.Message);
    }
}
