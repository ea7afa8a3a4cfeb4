using System.Globalization;

namespace LoadGrid.Cli.Telemetry;

/// <summary>
/// What a process exports: a Prometheus scrape endpoint (<see cref="MetricsPort"/>, null = none), how long it stays
/// up after a run (<see cref="Linger"/>), and the fraction of iterations traced. OTLP is not a setting here: it
/// follows the standard <c>OTEL_EXPORTER_OTLP_*</c> variables (see <see cref="TelemetryExporters"/>).
/// </summary>
public sealed record TelemetrySettings(int? MetricsPort, string MetricsHost, TimeSpan Linger, double TraceSample)
{
    public const string DefaultMetricsHost = "127.0.0.1";

    public static readonly TelemetrySettings Off = new(null, DefaultMetricsHost, TimeSpan.Zero, 0);

    public static bool TryParsePort(string? text, string name, out int? port, out string? error)
    {
        port = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 65535)
        {
            error = $"{name} '{text}': expected a port number 1..65535";
            return false;
        }
        port = value;
        return true;
    }

    /// <summary>A fraction 0..1 (0.01 = one iteration in a hundred); blank means 0 (off).</summary>
    public static bool TryParseSample(string? text, string name, out double sample, out string? error)
    {
        sample = 0;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out sample) || double.IsNaN(sample) || sample is < 0 or > 1)
        {
            error = $"{name} '{text}': expected a fraction of iterations from 0 to 1, e.g. 0.01";
            return false;
        }
        return true;
    }

    public static bool TryParseHost(string? text, string name, out string host, out string? error)
    {
        host = string.IsNullOrWhiteSpace(text) ? DefaultMetricsHost : text.Trim();
        error = null;
        if (host is "localhost" || System.Net.IPAddress.TryParse(host, out _)) return true;
        error = $"{name} '{text}': expected an IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0 (every interface)";
        return false;
    }
}
