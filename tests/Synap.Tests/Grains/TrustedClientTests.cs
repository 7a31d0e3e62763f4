using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Commands;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Grains;

/// <summary>
/// A trusted back end calls the public grain interfaces through the Orleans client with <see cref="Actor.Admin"/>:
/// it gets the same validation as HTTP, and a malformed command writes nothing.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TrustedClientTests(ClusterFixture cluster)
{
    private IGrainFactory Grains => cluster.Grains;

    private async Task<IClientGrain> NewClientAsync()
    {
        var created = await Grains.GetGrain<IClientRegistryGrain>(IClientRegistryGrain.Key)
            .CreateClient(new CreateClientCommand(Scenario.UniqueName()), Actor.Admin);
        Assert.True(created.IsSuccess, created.Error?.ToString());
        return Grains.GetGrain<IClientGrain>(created.Value!.ClientId);
    }

    private static async Task<InstanceDetail> CreateAsync(IClientGrain client, string? name = null)
    {
        var created = await client.CreateInstance(new CreateInstanceCommand(name ?? Scenario.UniqueName("agent"), "support"), Actor.Admin);
        Assert.True(created.IsSuccess, created.Error?.ToString());
        return created.Value!;
    }

    private static async Task<int> CountAsync(IClientGrain client)
    {
        var page = await client.ListInstances(new ListInstancesQuery(PageRequest.Default), Actor.Admin);
        return page.Value!.Total;
    }

    private static void ExpectInvalidInput<T>(string field, Outcome<T> outcome)
    {
        Assert.False(outcome.IsSuccess, $"expected INVALID_INPUT for {field}, got {outcome.Value}");
        Assert.Equal(ErrorCodes.InvalidInput, outcome.Error!.Code);
        Assert.Equal(field, outcome.Error.Details["field"]);
    }

    private static void AssertUnchanged(InstanceDetail expected, InstanceDetail? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Metadata.OrderBy(p => p.Key), actual.Metadata.OrderBy(p => p.Key));
        Assert.Equal(expected, actual with { Metadata = expected.Metadata });
    }

    public static TheoryData<string, CreateInstanceCommand> InvalidCreates => new()
    {
        { "name", new CreateInstanceCommand(null, "support") },
        { "name", new CreateInstanceCommand("   ", "support") },
        { "name", new CreateInstanceCommand(new string('n', 201), "support") },
        { "agent_type", new CreateInstanceCommand("agent", null) },
        { "agent_type", new CreateInstanceCommand("agent", "Support") },
        { "agent_type", new CreateInstanceCommand("agent", "support\n") },
        { "description", new CreateInstanceCommand("agent", "support", new string('d', 2001)) },
        { "metadata", new CreateInstanceCommand("agent", "support", Metadata: Enumerable.Range(0, 65).ToDictionary(i => $"k{i}", _ => "v")) },
        { "metadata", new CreateInstanceCommand("agent", "support", Metadata: new Dictionary<string, string> { [""] = "v" }) },
        { "metadata.team", new CreateInstanceCommand("agent", "support", Metadata: new Dictionary<string, string> { ["team"] = new string('v', 1001) }) },
        { "metadata.team", new CreateInstanceCommand("agent", "support", Metadata: new Dictionary<string, string> { ["team"] = null! }) },
        { "parent_instance_id", new CreateInstanceCommand("agent", "support", ParentInstanceId: "not-an-id") },
        { "parent_instance_id", new CreateInstanceCommand("agent", "support", ParentInstanceId: "inst_00000000000000ff") },
    };

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public async Task A_trusted_create_gets_the_same_validation_as_http_and_writes_nothing(string field, CreateInstanceCommand command)
    {
        var client = await NewClientAsync();

        var created = await client.CreateInstance(command, Actor.Admin);

        ExpectInvalidInput(field, created);
        Assert.Equal(0, await CountAsync(client));
        Assert.Equal(0, (await client.Get(Actor.Admin)).Value!.InstancesCount);
    }

    [Fact]
    public async Task A_trusted_create_returns_the_same_detail_as_http()
    {
        var client = await NewClientAsync();
        var name = Scenario.UniqueName("agent");

        var detail = await CreateAsync(client, name);

        Assert.Equal(name, detail.Name);
        Assert.Equal(InstanceStatus.Provisioning, detail.Status);
        Assert.Equal(InstanceStatus.Provisioning, detail.EffectiveStatus);
        Assert.Equal(ConfigStatus.Pending, detail.ConfigStatus);
        Assert.Null(detail.LastActiveAt);
        Assert.Equal(0, detail.ApiCalls24h);
        Assert.Equal(0, detail.MemoriesCount);
        var read = await cluster.Api1.Caller().Get($"/dashboard/instances/{detail.Id}");
        Assert.Equal(name, read.Str("name"));
        Assert.Equal(client.GetPrimaryKeyString(), read.Str("client_id"));
    }

    [Fact]
    public async Task A_trusted_create_with_a_taken_name_is_a_name_conflict()
    {
        var client = await NewClientAsync();
        var existing = await CreateAsync(client);

        var again = await client.CreateInstance(new CreateInstanceCommand(existing.Name, "support"), Actor.Admin);

        Assert.Equal(ErrorCodes.NameConflict, again.Error?.Code);
        Assert.Equal(1, await CountAsync(client));
    }

    [Fact]
    public async Task A_malformed_trusted_update_writes_nothing()
    {
        var client = await NewClientAsync();
        var detail = await CreateAsync(client);
        var instance = Grains.GetGrain<IInstanceGrain>(detail.Id);
        var newName = Scenario.UniqueName("renamed");

        var blank = await instance.Update(new UpdateInstanceCommand(Name: new Optional<string?>("  ")), Actor.Admin);
        var mixed = await instance.Update(new UpdateInstanceCommand(
            Name: new Optional<string?>(newName),
            Metadata: Enumerable.Range(0, 65).ToDictionary(i => $"k{i}", _ => (string?)"v")), Actor.Admin);
        var illegal = await instance.Update(new UpdateInstanceCommand(Name: new Optional<string?>(newName), Status: new Optional<string?>("active")),
            Actor.Admin);

        ExpectInvalidInput("name", blank);
        ExpectInvalidInput("metadata", mixed);
        Assert.Equal(ErrorCodes.InvalidStateTransition, illegal.Error?.Code);
        AssertUnchanged(detail, (await instance.Get(Actor.Admin)).Value);
        // The new name was never published to the client: it is still free there.
        await CreateAsync(client, newName);
    }

    [Fact]
    public async Task A_malformed_trusted_init_writes_nothing()
    {
        var client = await NewClientAsync();
        var detail = await CreateAsync(client);
        var instance = Grains.GetGrain<IInstanceGrain>(detail.Id);

        var list = await instance.InitArchitecture(new InitArchitectureCommand("- not\n- a mapping\n", null), Actor.Admin);
        var neither = await instance.InitArchitecture(new InitArchitectureCommand(null, null), Actor.Admin);

        ExpectInvalidInput("config", list);
        ExpectInvalidInput("config", neither);
        AssertUnchanged(detail, (await instance.Get(Actor.Admin)).Value);
        Assert.Equal(ErrorCodes.NotFound, (await instance.GetArchitecture(Actor.Admin)).Error?.Code);
    }

    [Fact]
    public async Task Trusted_calls_for_ids_that_do_not_exist_are_not_found_and_create_nothing()
    {
        var client = Grains.GetGrain<IClientGrain>("cli_00000000000000fe");
        var instance = Grains.GetGrain<IInstanceGrain>("inst_00000000000000fe");

        var create = await client.CreateInstance(new CreateInstanceCommand("agent", "support"), Actor.Admin);
        var update = await instance.Update(new UpdateInstanceCommand(Name: new Optional<string?>("agent")), Actor.Admin);
        var archive = await instance.Archive(Actor.Admin);

        Assert.Equal(ErrorCodes.ClientNotFound, create.Error?.Code);
        Assert.Equal(ErrorCodes.InstanceNotFound, update.Error?.Code);
        Assert.Equal(ErrorCodes.InstanceNotFound, archive.Error?.Code);
        Assert.Equal(ErrorCodes.InstanceNotFound, (await instance.Get(Actor.Admin)).Error?.Code);
    }

    [Fact]
    public async Task A_trusted_lifecycle_follows_the_same_rules_as_http()
    {
        var client = await NewClientAsync();
        var detail = await CreateAsync(client);
        var instance = Grains.GetGrain<IInstanceGrain>(detail.Id);

        var init = await instance.InitArchitecture(new InitArchitectureCommand("memory:\n  kind: episodic\n", null), Actor.Admin);
        var suspended = await instance.Update(new UpdateInstanceCommand(Status: new Optional<string?>("suspended")), Actor.Admin);
        var archived = await instance.Archive(Actor.Admin);
        var revived = await instance.Update(new UpdateInstanceCommand(Status: new Optional<string?>("active")), Actor.Admin);

        Assert.Equal(1, init.Value?.Version);
        Assert.Equal(InstanceStatus.Suspended, suspended.Value?.Status);
        Assert.Equal(InstanceStatus.Archived, archived.Value?.Status);
        Assert.Equal(ErrorCodes.InvalidStateTransition, revived.Error?.Code);
        Assert.Equal("archived", revived.Error!.Details["from"]);
        Assert.Equal("active", revived.Error.Details["to"]);
    }
}
