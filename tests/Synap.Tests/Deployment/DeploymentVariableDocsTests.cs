namespace Synap.Tests.Deployment;

/// <summary>
/// README's table of deployment variables is the operator's reference: every variable docker-compose.yml and
/// scripts/cluster.sh read is in it once, with the services that read it, and it lists nothing they no longer use.
/// </summary>
public sealed class DeploymentVariableDocsTests
{
    private readonly ComposeFile compose = ComposeFile.Load();
    private readonly IReadOnlyList<DocumentedVariable> table = ReadmeVariableTable.Load();

    [Fact]
    public void Every_variable_compose_takes_from_the_shell_is_documented()
    {
        foreach (var name in compose.ShellVariables)
            Assert.Contains("compose", Row(name).ReadBy);
    }

    [Fact]
    public void Every_environment_key_of_a_service_is_documented_with_that_service()
    {
        foreach (var service in compose.Services)
        {
            foreach (var name in service.Environment.Keys)
                Assert.True(Row(name).ReadBy.Contains(service.Name), $"README's row for {name} does not name {service.Name} among its readers");
        }
    }

    [Fact]
    public void Every_variable_of_the_cluster_script_is_documented()
    {
        foreach (var name in ClusterScript.Variables())
            Assert.True(Row(name).ReadBy.Contains("cluster.sh"), $"README's row for {name} does not name cluster.sh among its readers");
    }

    [Fact]
    public void Every_documented_variable_is_still_used()
    {
        var used = compose.ShellVariables
            .Concat(compose.Services.SelectMany(service => service.Environment.Keys))
            .Concat(ClusterScript.Variables())
            .ToHashSet();

        foreach (var name in table.SelectMany(row => row.Names))
            Assert.True(used.Contains(name), $"README documents {name}, which neither docker-compose.yml nor scripts/cluster.sh uses");
    }

    private DocumentedVariable Row(string name)
    {
        var rows = table.RowsFor(name);
        Assert.True(rows.Count == 1, $"README's deployment variable table has {rows.Count} rows for {name}; expected 1");
        return rows[0];
    }
}
