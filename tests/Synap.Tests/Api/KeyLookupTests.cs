using Microsoft.Extensions.DependencyInjection;
using Synap.Api.Authentication;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Security;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>
/// Issue 6 item 2: a request with a random well-formed key must not cost the cluster a grain activation, or a
/// distributed attacker (many addresses, each under the per-address limit) grows the silo's memory and slows it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KeyLookupTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Resolving_unknown_key_hashes_on_an_api_node_activates_no_index_grain()
    {
        var owners = cluster.Api1.Services.GetRequiredService<KeyOwnerCache>();
        var guesses = Enumerable.Range(0, 300).Select(_ => ApiKeyFormat.Hash(ApiKeyFormat.Generate())).ToHashSet();
        var indexType = cluster.Grains.GetGrain<IApiKeyIndexGrain>("-").GetGrainId().Type;
        var management = cluster.Grains.GetGrain<IManagementGrain>(0);

        // Index activations for a guess deactivate right after answering, so the activations are sampled while the
        // lookups run, not only afterwards.
        var lookups = Task.WhenAll(guesses.Select(owners.ResolveAsync));
        var seen = 0;
        do
        {
            var activations = await management.GetDetailedGrainStatistics();
            seen = Math.Max(seen, activations.Count(a => a.GrainId.Type == indexType && guesses.Contains(a.GrainId.Key.ToString()!)));
        }
        while (!lookups.IsCompleted);

        Assert.All(await lookups, Assert.Null);
        Assert.Equal(0, seen);
    }

    [Fact]
    public async Task The_lookup_answers_a_created_key_with_the_owner_the_index_registered()
    {
        var scenario = new Scenario(cluster.Api1.Caller());
        var key = await scenario.CreateClientKeyAsync(await scenario.CreateClientAsync());
        var hash = ApiKeyFormat.Hash(key);
        var lookup = cluster.Grains.GetGrain<IApiKeyLookupGrain>(IApiKeyLookupGrain.Key);

        var owner = await lookup.Resolve(hash);

        Assert.NotNull(owner);
        Assert.Equal(await cluster.Grains.GetGrain<IApiKeyIndexGrain>(hash).Resolve(), owner);
        Assert.Null(await lookup.Resolve(ApiKeyFormat.Hash(ApiKeyFormat.Generate())));
    }
}
