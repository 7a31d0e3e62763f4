using Synap.Grains.Audit;
using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Instances;

namespace Synap.Tests.Unit.Audit;

public sealed class InstanceAuditTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 15, 16, 0, 0, TimeSpan.Zero);

    private static readonly InstanceDetail Instance = new("inst_0123456789abcdef", "agent", InstanceStatus.Provisioning, "support",
        ConfigStatus.Pending, Now, null, "cli_0123456789abcdef", null, new Dictionary<string, string> { ["env"] = "prod" }, null,
        InstanceStatus.Provisioning, 0, 0, Now);

    [Fact]
    public void Creation_belongs_in_the_instance_log_and_its_clients()
    {
        var created = InstanceAudit.Created(Instance);

        Assert.Equal([Instance.Id, Instance.ClientId], created.LogIds);
        Assert.Equal(["agent_type", "config_status", "metadata.env", "name", "status"], created.Changes.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Counters_last_activity_and_effective_status_are_not_changes()
    {
        var after = Instance with { ApiCalls24h = 5, MemoriesCount = 2, LastActiveAt = Now, EffectiveStatus = InstanceStatus.Suspended, UpdatedAt = Now.AddHours(1) };

        Assert.Empty(InstanceAudit.Updated(Instance, after));
    }

    [Fact]
    public void Archiving_is_in_both_logs_and_each_revoked_key_in_the_instance_log()
    {
        var archived = Instance with { Status = InstanceStatus.Archived };

        var events = InstanceAudit.Archived(Instance, archived, [("cred_000000000001", "a"), ("cred_000000000002", "b")]);

        Assert.Equal(["instance.archived", "instance.api_key_revoked", "instance.api_key_revoked"], events.Select(e => e.Action));
        Assert.Equal([Instance.Id, Instance.ClientId], events[0].LogIds);
        Assert.All(events.Skip(1), e => Assert.Equal([Instance.Id], e.LogIds));
        Assert.Empty(InstanceAudit.Archived(archived, archived, []));
    }

    [Fact]
    public void Architecture_init_names_the_version_but_not_its_yaml()
    {
        var after = Instance with { Status = InstanceStatus.Active, ConfigStatus = ConfigStatus.Active };
        var version = new ConfigVersion("cfg_0123456789abcdef", 1, ConfigVersionStatus.Active, "secret_yaml: 1", Now, "admin", null, Now);

        var initialized = InstanceAudit.ArchitectureInitialized(Instance, after, version);

        Assert.Equal(["config_id", "config_status", "config_version", "status"], initialized.Changes.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(initialized.Changes.Values, c => c.To!.Json.Contains("secret_yaml", StringComparison.Ordinal));
    }
}
