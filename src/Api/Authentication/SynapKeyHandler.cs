using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Synap.Api.Errors;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Api.Authentication;

/// <summary>
/// Bearer authentication with the admin key or a <c>synap_</c> key, by the rules of <see cref="KeyAuthenticator"/>
/// (API.md §3: a rejected request reaches no other grain), answered the HTTP way: 401 / 403 error bodies, 429 with
/// <c>Retry-After</c> for an address that used up its refused keys, and the rate-limit headers of the key's bucket.
/// </summary>
public sealed class SynapKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KeyAuthenticator authenticator,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string FailureItem = "synap.auth-failure";
    private const string RejectionItem = "synap.auth-rejection";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var check = await authenticator.CheckAsync(Request.Headers.Authorization.ToString(), RemoteAddress.PartitionOf(Context), AuthorizeAsync);
        switch (check.Status)
        {
            case KeyCheckStatus.Missing:
                return AuthenticateResult.NoResult();
            case KeyCheckStatus.Admin:
                return Accept(Actor.Admin);
            case KeyCheckStatus.AddressLimited:
                Context.Items[RejectionItem] = AddressLimitRejection.Of(Response,
                    "Too many requests with invalid API keys from this address", authenticator.FailureLimit, check.RetryAfter!.Value);
                return AuthenticateResult.Fail("Too many failed authentications");
            case KeyCheckStatus.Refused:
                Context.Items[FailureItem] = check.Failure!;
                return AuthenticateResult.Fail(check.Failure!.Message);
        }
        var authorization = check.Authorization!;
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
        if (owner.Scope != ActorType.InstanceKey
            || Context.GetEndpoint()?.Metadata.GetMetadata<SelfReadRoute>() is not { } route
            || Context.Request.RouteValues[route.InstanceIdRouteValue] as string != owner.InstanceId)
            return await authenticator.AuthorizeWithOwnerAsync(owner, hash);
        var selfRead = await grains.GetGrain<IInstanceGrain>(owner.InstanceId!).AuthorizeAndGet(owner.CredentialId, hash);
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
}
