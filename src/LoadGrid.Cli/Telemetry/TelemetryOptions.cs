using System.CommandLine;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Cli.Telemetry;

/// <summary>The telemetry options of <c>loadgrid run</c> and <c>loadgrid demo</c>.</summary>
public sealed class TelemetryOptions
{
    public Option<string?> MetricsPort { get; } = new("--metrics-port") { Description = "Serve Prometheus metrics (loadgrid_…) on http://HOST:PORT/metrics while the run lasts." };
    public Option<string?> MetricsHost { get; } = new("--metrics-host") { Description = $"Address of the metrics endpoint (default {TelemetrySettings.DefaultMetricsHost}; 0.0.0.0 for every interface)." };
    public Option<string?> MetricsLinger { get; } = new("--metrics-linger") { Description = "Keep exporting for this long after the run ends (e.g. 15s), so a scraper reads the final values." };
    public Option<string?> TraceSample { get; } = new("--trace-sample") { Description = "Trace this fraction of iterations (e.g. 0.01): a span per iteration and request, traceparent sent to the target. Default off." };

    public void AddTo(Command command)
    {
        command.Options.Add(MetricsPort);
        command.Options.Add(MetricsHost);
        command.Options.Add(MetricsLinger);
        command.Options.Add(TraceSample);
    }

    /// <returns>The settings, or null with a usage <paramref name="error"/> naming the bad option.</returns>
    public TelemetrySettings? Resolve(ParseResult parse, out string? error)
    {
        if (!TelemetrySettings.TryParsePort(parse.GetValue(MetricsPort), "--metrics-port", out var port, out error)) return null;
        if (!TelemetrySettings.TryParseHost(parse.GetValue(MetricsHost), "--metrics-host", out var host, out error)) return null;
        if (!TelemetrySettings.TryParseSample(parse.GetValue(TraceSample), "--trace-sample", out var sample, out error)) return null;
        var linger = TimeSpan.Zero;
        if (parse.GetValue(MetricsLinger) is { } lingerText)
        {
            if (!DurationParser.TryParse(lingerText, out linger) || linger < TimeSpan.Zero)
            {
                error = $"--metrics-linger '{lingerText}': expected a duration such as 500ms, 15s or 1m";
                return null;
            }
        }
        return new TelemetrySettings(port, host, linger, sample);
    }

    /// <summary>True when the user asked for anything that only an embedded run can do in this process.</summary>
    public bool AnyGiven(ParseResult parse) =>
        parse.GetValue(MetricsPort) is not null || parse.GetValue(MetricsLinger) is not null || parse.GetValue(TraceSample) is not null;
}
