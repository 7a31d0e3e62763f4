using Xunit.Sdk;

namespace Synap.Tests.Deployment;

/// <summary>
/// docker-compose.yml as an operator runs it (<c>docker compose up --wait --scale silo=N</c>): every service reports
/// its health, each waits for what it needs, silos scale, and telemetry is switched on only from the shell.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string[] PassedThroughFromShell =
        ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "Logging__Console__FormatterName"];

    private readonly ComposeFile compose = ComposeFile.Load();

    [Fact]
    public void Every_service_has_a_health_check()
    {
        foreach (var service in compose.Services)
        {
            var healthcheck = service.Mapping("healthcheck") ?? throw new XunitException($"{service.Name} has no healthcheck");
            Assert.False(healthcheck.TryGetValue("disable", out var disabled) && disabled is "true", $"{service.Name} disables its healthcheck");
            var test = Assert.IsType<List<object>>(healthcheck["test"]);
            Assert.Contains(test[0], new object[] { "CMD", "CMD-SHELL" });
            Assert.True(test.Count > 1, $"{service.Name}'s healthcheck runs nothing");
        }
    }

    [Fact]
    public void Every_dependency_waits_for_a_condition()
    {
        foreach (var service in compose.Services)
        {
            foreach (var (dependency, condition) in service.DependsOn)
                Assert.True(condition is "service_healthy" or "service_completed_successfully",
                    $"{service.Name} depends on {dependency} without a health condition (got '{condition ?? "none: the short form waits only for the start"}')");
        }
    }

    [Fact]
    public void Postgres_then_the_silos_then_the_api_nodes_start_each_once_healthy()
    {
        Assert.Equal("service_healthy", compose.Service("silo").DependsOn["postgres"]);

        var apiNodes = ApiNodes().ToList();
        Assert.Equal(["api1", "api2"], apiNodes.Select(service => service.Name));
        foreach (var api in apiNodes)
            Assert.Equal("service_healthy", api.DependsOn["silo"]);
    }

    [Fact]
    public void The_silo_service_scales_with_docker_compose_scale()
    {
        var silo = compose.Service("silo");

        // Each of these is one value for the whole service, so a second replica would collide on it.
        foreach (var fixedSetting in new[] { "container_name", "hostname", "ports", "mac_address" })
            Assert.False(silo.Has(fixedSetting), $"silo sets {fixedSetting}, which --scale cannot give each replica");
        Assert.DoesNotContain("Orleans__AdvertisedIP", silo.Environment.Keys);
        foreach (var network in silo.Mapping("networks")?.Values.OfType<IDictionary<object, object>>() ?? [])
            Assert.False(network.ContainsKey("ipv4_address") || network.ContainsKey("ipv6_address"), "silo has a fixed network address");

        Assert.Equal("2", silo.Mapping("deploy")?["replicas"]);
    }

    [Fact]
    public void Telemetry_and_the_log_format_come_from_the_shell_only_when_set_there()
    {
        foreach (var service in ApiNodes().Append(compose.Service("silo")))
        {
            foreach (var name in PassedThroughFromShell)
            {
                Assert.True(service.Environment.TryGetValue(name, out var value), $"{service.Name} does not pass {name} through");
                Assert.Null(value);
            }
        }

        Assert.Equal("synap-silo", compose.Service("silo").Environment["OTEL_SERVICE_NAME"]);
        Assert.All(ApiNodes(), api => Assert.Equal("synap-api", api.Environment["OTEL_SERVICE_NAME"]));
    }

    [Fact]
    public void Only_the_api_nodes_publish_ports_and_only_on_loopback()
    {
        foreach (var service in compose.Services)
        {
            var ports = service.Sequence("ports").Cast<string>().ToList();
            if (ApiNodes().All(api => api.Name != service.Name))
                Assert.Empty(ports);
            Assert.All(ports, port => Assert.StartsWith("127.0.0.1:", port));
        }
    }

    private IEnumerable<ComposeService> ApiNodes() =>
        compose.Services.Where(service => service.Environment.GetValueOrDefault("Orleans__Mode") == "Client");
}
