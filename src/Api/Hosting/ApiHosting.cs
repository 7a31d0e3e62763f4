using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Synap.Api.Authentication;
using Synap.Api.Correlation;
using Synap.Api.Endpoints;
using Synap.Api.Errors;
using Synap.Api.Idempotency;
using Synap.Api.Json;

namespace Synap.Api.Hosting;

public static class ApiHosting
{
    /// <summary>The HTTP front end's services: JSON conventions, key authentication, the 1 MiB body limit, OpenAPI.</summary>
    public static WebApplicationBuilder AddSynapApi(this WebApplicationBuilder builder)
    {
        builder.AddSynapAdminKey();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes);
        builder.Services.ConfigureHttpJsonOptions(json => SynapJson.Configure(json.SerializerOptions));
        builder.Services.AddOptions<AbuseLimitOptions>().BindConfiguration(AbuseLimitOptions.Section)
            .Validate(o => o.Validate() is null, $"{AbuseLimitOptions.Section}: a limit is out of range (limits ≥ 1, window > 0, unknown-key TTL and capacity ≥ 0)")
            .ValidateOnStart();
        builder.Services.AddSingleton<KeyOwnerCache>();
        builder.Services.AddSingleton<FailedAuthenticationLimiter>();
        builder.Services.AddSingleton<KeyAuthenticator>();
        builder.Services.AddAnonymousRouteLimit();
        builder.Services.AddSingleton<ReadinessProbe>();
        // No default authenticate scheme: a key is checked (and its bucket charged) only on routes that require
        // one, never on /health, /openapi, the bootstrap exchange or unknown routes. ASP.NET Core would otherwise
        // make our lone scheme the default, and UseAuthentication would run it on every request carrying a key.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        builder.Services.AddAuthentication(auth =>
            {
                auth.DefaultChallengeScheme = SynapKeyDefaults.Scheme;
                auth.DefaultForbidScheme = SynapKeyDefaults.Scheme;
            })
            .AddScheme<AuthenticationSchemeOptions, SynapKeyHandler>(SynapKeyDefaults.Scheme, configureOptions: null);
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(SynapKeyDefaults.Scheme).RequireAuthenticatedUser().Build());
        builder.Services.AddSynapOpenApi();
        return builder;
    }

    /// <summary>
    /// The pipeline every request crosses, in order: correlation id, error bodies, routing, the per-address limit of
    /// anonymous routes, authentication, idempotency.
    /// </summary>
    public static WebApplication UseSynapApi(this WebApplication app)
    {
        app.UseMiddleware<CorrelationMiddleware>();
        app.UseSynapErrors();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }
}
