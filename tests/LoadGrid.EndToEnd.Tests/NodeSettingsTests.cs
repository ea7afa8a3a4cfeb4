using LoadGrid.Cli.Node;
using LoadGrid.EndToEnd.Tests.Infrastructure;

namespace LoadGrid.EndToEnd.Tests;

/// <summary>Where <c>loadgrid node</c> takes each setting from: command line, then LOADGRID_*, then --config, then defaults.</summary>
public sealed class NodeSettingsTests : IDisposable
{
    private static readonly NodeSettings.CommandLine Nothing = new(null, null, null, null, null, null, null, null, null, null);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Func<string, string?> Env(params (string Key, string Value)[] values) =>
        key => values.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void A_coordinator_needs_nothing_but_its_role()
    {
        var settings = NodeSettings.Resolve(Nothing with { Role = "coordinator" }, Env(), out var error);
        Assert.Null(error);
        Assert.Equal((4053, 9110, "127.0.0.1", "127.0.0.1", "sqlite:./loadgrid.db"), (settings!.Port, settings.ControlPort, settings.Hostname, settings.ControlHost, settings.Database));
        Assert.Empty(settings.Seeds);
    }

    [Fact]
    public void The_command_line_wins_over_the_environment_which_wins_over_the_config_file()
    {
        var config = _folder.Write("node.hocon", """
            loadgrid { role = worker, region = from-file, port = 7000, seeds = ["10.0.0.1:4053"], hostname = 10.0.0.9, control-port = 9999 }
            akka.cluster.split-brain-resolver.stable-after = 30s
            """);
        var settings = NodeSettings.Resolve(Nothing with { ConfigPath = config, Port = 7002 },
            Env(("LOADGRID_PORT", "7001"), ("LOADGRID_REGION", "from-env"), ("LOADGRID_SEEDS", "10.0.0.2:4053, 10.0.0.3:4053")), out var error);

        Assert.Null(error);
        Assert.Equal("worker", settings!.Role);
        Assert.Equal(["from-env"], settings.Regions);
        Assert.Equal(7002, settings.Port);
        Assert.Equal(["10.0.0.2:4053", "10.0.0.3:4053"], settings.Seeds);
        Assert.Equal("10.0.0.9", settings.Hostname);
        Assert.Equal(9999, settings.ControlPort);
        Assert.Contains("stable-after = 30s", settings.ConfigText);
    }

    [Theory]
    [InlineData(null, null, null, "--role is required")]
    [InlineData("boss", null, null, "--role 'boss'")]
    [InlineData("worker", null, "127.0.0.1:4053", "needs --region")]
    [InlineData("worker", "eu", null, "needs --seed")]
    [InlineData("worker", "eu", "no-port", "--seed 'no-port'")]
    [InlineData("worker", "e u", "127.0.0.1:4053", "--region 'e u'")]
    public void Bad_settings_are_refused_naming_the_option(string? role, string? region, string? seed, string expected)
    {
        var cli = Nothing with { Role = role, Regions = region is null ? null : [region], Seeds = seed is null ? null : [seed] };
        Assert.Null(NodeSettings.Resolve(cli, Env(), out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void A_bad_port_from_the_environment_is_named()
    {
        Assert.Null(NodeSettings.Resolve(Nothing with { Role = "coordinator" }, Env(("LOADGRID_CONTROL_PORT", "nine")), out var error));
        Assert.Contains("--control-port 'nine'", error);
    }

    [Fact]
    public void Telemetry_settings_come_from_the_command_line_the_environment_or_the_config_file()
    {
        var config = _folder.Write("telemetry.hocon", "loadgrid { role = coordinator, metrics-port = 9500, metrics-host = 0.0.0.0, trace-sample = 0.5 }");

        var fromFile = NodeSettings.Resolve(Nothing with { ConfigPath = config }, Env(), out var error);
        Assert.Null(error);
        Assert.Equal((9500, "0.0.0.0", 0.5), (fromFile!.Telemetry!.MetricsPort, fromFile.Telemetry.MetricsHost, fromFile.Telemetry.TraceSample));

        var fromEnv = NodeSettings.Resolve(Nothing with { ConfigPath = config },
            Env(("LOADGRID_METRICS_PORT", "9501"), ("LOADGRID_TRACE_SAMPLE", "0.01")), out error);
        Assert.Null(error);
        Assert.Equal((9501, 0.01), (fromEnv!.Telemetry!.MetricsPort, fromEnv.Telemetry.TraceSample));
        Assert.Equal(0.01, fromEnv.ToNodeOptions(serializeMessages: false).TraceSample);

        var fromCli = NodeSettings.Resolve(Nothing with { ConfigPath = config, MetricsPort = "9502", TraceSample = "0" },
            Env(("LOADGRID_METRICS_PORT", "9501")), out error);
        Assert.Null(error);
        Assert.Equal((9502, 0.0), (fromCli!.Telemetry!.MetricsPort, fromCli.Telemetry.TraceSample));
    }

    [Fact]
    public void No_metrics_port_means_no_endpoint_and_tracing_stays_off()
    {
        var settings = NodeSettings.Resolve(Nothing with { Role = "coordinator" }, Env(), out var error);

        Assert.Null(error);
        Assert.Null(settings!.Telemetry!.MetricsPort);
        Assert.Equal(0, settings.ToNodeOptions(serializeMessages: false).TraceSample);
    }

    [Theory]
    [InlineData("LOADGRID_METRICS_PORT", "0", "--metrics-port '0'")]
    [InlineData("LOADGRID_METRICS_HOST", "example.com", "--metrics-host 'example.com'")]
    [InlineData("LOADGRID_TRACE_SAMPLE", "-1", "--trace-sample '-1'")]
    public void A_bad_telemetry_setting_is_named(string variable, string value, string message)
    {
        var settings = NodeSettings.Resolve(Nothing with { Role = "coordinator" }, Env((variable, value)), out var error);

        Assert.Null(settings);
        Assert.Contains(message, error);
    }
}
