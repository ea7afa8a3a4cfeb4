using Akka.Configuration;
using LoadGrid.Cluster.Hosting;

namespace LoadGrid.Cli.Node;

/// <summary>
/// The settings of <c>loadgrid node</c>, each from the first place that has it: the command line, then the
/// environment (<c>LOADGRID_*</c>), then the <c>loadgrid { … }</c> section of the --config file, then the default.
/// </summary>
public sealed record NodeSettings(
    string Role,
    IReadOnlyList<string> Regions,
    string Hostname,
    string? PublicHostname,
    int Port,
    IReadOnlyList<string> Seeds,
    string ControlHost,
    int ControlPort,
    string Database,
    string? ConfigText,
    string? Token = null,
    LoadGrid.Cli.Telemetry.TelemetrySettings? Telemetry = null)
{
    public const int DefaultPort = 4053;
    public const int DefaultControlPort = 9110;

    public bool IsCoordinator => Role == "coordinator";

    /// <summary>What the command line said; null where it said nothing.</summary>
    public sealed record CommandLine(string? Role, string[]? Regions, string? Hostname, string? PublicHostname, int? Port,
        string[]? Seeds, string? ControlHost, int? ControlPort, string? Database, string? ConfigPath, string? Token = null,
        string? MetricsPort = null, string? MetricsHost = null, string? TraceSample = null);

    /// <returns>The settings, or null with <paramref name="error"/> naming the bad setting and where it came from.</returns>
    public static NodeSettings? Resolve(CommandLine cli, Func<string, string?> environment, out string? error)
    {
        error = null;
        var configPath = cli.ConfigPath ?? Blank(environment("LOADGRID_CONFIG"));
        string? configText = null;
        Config? config = null;
        if (configPath is not null)
        {
            try
            {
                configText = File.ReadAllText(configPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = $"--config {configPath}: {e.Message}";
                return null;
            }
            config = ParseConfig(configPath, configText, out error);
            if (config is null) return null;
        }
        string? FromFile(string key) => config is not null && config.HasPath($"loadgrid.{key}") ? Blank(config.GetString($"loadgrid.{key}")) : null;
        IList<string>? ListFromFile(string key) => config is not null && config.HasPath($"loadgrid.{key}") ? config.GetStringList($"loadgrid.{key}") : null;

        var role = (cli.Role ?? Blank(environment("LOADGRID_ROLE")) ?? FromFile("role"))?.ToLowerInvariant();
        if (role is not ("coordinator" or "worker"))
        {
            error = role is null ? "--role is required: coordinator or worker" : $"--role '{role}': expected coordinator or worker";
            return null;
        }
        var regions = Split(cli.Regions) ?? Split(environment("LOADGRID_REGION")) ?? Split(FromFile("region")) ?? Split(ListFromFile("regions")?.ToArray()) ?? [];
        if (role == "worker" && regions.Count == 0)
        {
            error = "a worker needs --region NAME (the LoadGrid region whose load it generates)";
            return null;
        }
        var badRegion = regions.FirstOrDefault(r => !r.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
        if (badRegion is not null)
        {
            error = $"--region '{badRegion}': use letters, digits, '-' and '_'";
            return null;
        }
        if (!TryPort(cli.Port, environment("LOADGRID_PORT"), FromFile("port"), DefaultPort, "--port", out var port, out error)) return null;
        if (!TryPort(cli.ControlPort, environment("LOADGRID_CONTROL_PORT"), FromFile("control-port"), DefaultControlPort, "--control-port", out var controlPort, out error)) return null;
        var seeds = Split(cli.Seeds) ?? Split(environment("LOADGRID_SEEDS")) ?? Split(ListFromFile("seeds")?.ToArray()) ?? [];
        var badSeed = seeds.FirstOrDefault(s => !IsHostPort(s));
        if (badSeed is not null)
        {
            error = $"--seed '{badSeed}': expected HOST:PORT of a coordinator node, e.g. 127.0.0.1:{DefaultPort}";
            return null;
        }
        if (role == "worker" && seeds.Count == 0)
        {
            error = $"a worker needs --seed HOST:PORT (the coordinator's remoting address, e.g. 127.0.0.1:{DefaultPort})";
            return null;
        }
        var controlHost = cli.ControlHost ?? Blank(environment("LOADGRID_CONTROL_HOST")) ?? FromFile("control-host") ?? "127.0.0.1";
        var token = cli.Token ?? Blank(environment("LOADGRID_TOKEN")) ?? FromFile("token");
        if (role == "coordinator" && token is null && !IsLoopback(controlHost))
        {
            error = $"refusing to serve the control endpoint on {controlHost} without a token: whoever reaches it can send load anywhere. Set --token or LOADGRID_TOKEN (clients pass the same), or keep --control-host 127.0.0.1";
            return null;
        }
        var database = cli.Database ?? Blank(environment("LOADGRID_DB")) ?? FromFile("db") ?? DatabaseLocation.Default;
        if (!DatabaseLocation.TryParse(database, out _, out error)) return null;
        if (!LoadGrid.Cli.Telemetry.TelemetrySettings.TryParsePort(cli.MetricsPort ?? Blank(environment("LOADGRID_METRICS_PORT")) ?? FromFile("metrics-port"), "--metrics-port", out var metricsPort, out error)) return null;
        if (!LoadGrid.Cli.Telemetry.TelemetrySettings.TryParseHost(cli.MetricsHost ?? Blank(environment("LOADGRID_METRICS_HOST")) ?? FromFile("metrics-host"), "--metrics-host", out var metricsHost, out error)) return null;
        if (!LoadGrid.Cli.Telemetry.TelemetrySettings.TryParseSample(cli.TraceSample ?? Blank(environment("LOADGRID_TRACE_SAMPLE")) ?? FromFile("trace-sample"), "--trace-sample", out var traceSample, out error)) return null;

        return new NodeSettings(
            role,
            regions,
            cli.Hostname ?? Blank(environment("LOADGRID_HOSTNAME")) ?? FromFile("hostname") ?? "127.0.0.1",
            cli.PublicHostname ?? Blank(environment("LOADGRID_PUBLIC_HOSTNAME")) ?? FromFile("public-hostname"),
            port,
            seeds,
            controlHost,
            controlPort,
            database,
            configText,
            token,
            new LoadGrid.Cli.Telemetry.TelemetrySettings(metricsPort, metricsHost, TimeSpan.Zero, traceSample));
    }

    public NodeOptions ToNodeOptions(bool serializeMessages) => new(
        Hostname, Port, IsCoordinator, Regions, Seeds, PublicHostname,
        IsCoordinator ? DatabaseLocation.Parse(Database) : null, ConfigText, serializeMessages, TraceSample: Telemetry?.TraceSample ?? 0);

    /// <summary>
    /// Akka's HOCON parser loops for ever on some broken input (e.g. <c>role = [ }</c>), so it gets a few seconds on
    /// another thread; the process exits with a message right after, taking the spinning thread with it.
    /// </summary>
    private static Config? ParseConfig(string path, string text, out string? error)
    {
        error = null;
        var parse = Task.Run(() => ConfigurationFactory.ParseString(text));
        try
        {
            if (parse.Wait(ConfigParseTimeout)) return parse.Result;
            error = $"{path}: not valid HOCON or JSON (the parser gave up after {ConfigParseTimeout.TotalSeconds:0} s; look for an unclosed [ or {{)";
        }
        catch (AggregateException e)
        {
            error = $"{path}: not valid HOCON or JSON: {e.InnerException?.Message}";
        }
        return null;
    }

    private static readonly TimeSpan ConfigParseTimeout = TimeSpan.FromSeconds(5);

    private static bool TryPort(int? cli, string? env, string? file, int fallback, string name, out int port, out string? error)
    {
        error = null;
        port = fallback;
        if (cli is not null) port = cli.Value;
        else if (Blank(env ?? file) is { } text && !int.TryParse(text, out port))
        {
            error = $"{name} '{text}': expected a port number";
            return false;
        }
        if (port is < 0 or > 65535)
        {
            error = $"{name} {port}: expected 0..65535";
            return false;
        }
        return true;
    }

    private static IReadOnlyList<string>? Split(IEnumerable<string>? values)
    {
        if (values is null) return null;
        var parts = values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        return parts.Length == 0 ? null : parts;
    }

    private static IReadOnlyList<string>? Split(string? value) => value is null ? null : Split([value]);

    private static bool IsHostPort(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon > 0 && int.TryParse(value.AsSpan(colon + 1), out var port) && port is > 0 and <= 65535;
    }

    private static bool IsLoopback(string host) =>
        host is "localhost" || System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
