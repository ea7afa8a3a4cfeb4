using LoadGrid.Cluster.Telemetry;
using LoadGrid.Http;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LoadGrid.Cli.Telemetry;

/// <summary>
/// The OpenTelemetry SDK of one <c>loadgrid</c> process: the "LoadGrid" meter to a Prometheus scrape endpoint
/// (when a metrics port is set) and to OTLP (when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; protocol, headers,
/// export interval and service name from the standard <c>OTEL_*</c> variables), and the "LoadGrid" activity source to
/// OTLP when tracing is on. Nothing is built when nothing is asked for, so the Meter has no listener and its
/// instruments cost nothing. Disposing flushes: the last OTLP export carries the run's final figures.
/// </summary>
public sealed class TelemetryExporters : IDisposable
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string DefaultServiceName = "loadgrid";

    private readonly MeterProvider? _meters;
    private readonly TracerProvider? _tracer;
    private readonly MetricsEndpoint? _endpoint;

    private TelemetryExporters(MeterProvider? meters, TracerProvider? tracer, MetricsEndpoint? endpoint)
    {
        _meters = meters;
        _tracer = tracer;
        _endpoint = endpoint;
    }

    /// <summary>The Prometheus endpoint's URL, or null when there is none.</summary>
    public string? ScrapeUrl => _endpoint?.Url;

    public bool Exporting => _meters is not null;

    public static bool OtlpConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));

    /// <exception cref="TelemetryStartException">The metrics endpoint could not listen on the host and port given.</exception>
    public static TelemetryExporters Start(TelemetrySettings settings)
    {
        var otlp = OtlpConfigured;
        MeterProvider? meters = null;
        MetricsEndpoint? endpoint = null;
        if (settings.MetricsPort is not null || otlp)
        {
            var builder = Sdk.CreateMeterProviderBuilder().ConfigureResource(ConfigureResource).AddMeter(LoadGridMeter.Name);
            if (settings.MetricsPort is not null) builder.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            if (otlp) builder.AddOtlpExporter();
            meters = builder.Build();
            if (settings.MetricsPort is { } port)
            {
                try
                {
                    endpoint = MetricsEndpoint.Start(meters, settings.MetricsHost, port);
                }
                catch
                {
                    meters.Dispose();
                    throw;
                }
            }
        }
        TracerProvider? tracer = null;
        if (settings.TraceSample > 0 && otlp)
        {
            // LoadGrid samples iterations itself (IterationTracing); whatever it started is exported.
            tracer = Sdk.CreateTracerProviderBuilder().ConfigureResource(ConfigureResource).AddSource(IterationTracing.SourceName)
                .SetSampler(new AlwaysOnSampler()).AddOtlpExporter().Build();
        }
        return new TelemetryExporters(meters, tracer, endpoint);
    }

    /// <summary>
    /// Keeps exporting for <paramref name="linger"/> (so a scraper reads the final values), then returns; Ctrl+C or
    /// SIGTERM ends it early, so the process still exits with the run's own exit code.
    /// </summary>
    public async Task LingerAsync(TimeSpan linger, TextWriter output)
    {
        if (_meters is null || linger <= TimeSpan.Zero) return;
        using var interrupted = new CancellationTokenSource();
        void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            interrupted.Cancel();
        }
        Console.CancelKeyPress += OnCancelKeyPress;
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                interrupted.Cancel();
            });
        try
        {
            output.WriteLine($"Metrics{(ScrapeUrl is null ? "" : $" on {ScrapeUrl}")} for {linger.TotalSeconds:0.#} s more (--metrics-linger); Ctrl+C ends it");
            await Task.Delay(linger, interrupted.Token);
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            output.WriteLine("Metrics: linger ended early");
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
        }
    }

    public void Dispose()
    {
        _endpoint?.Dispose();
        _tracer?.Dispose();
        _meters?.Dispose();
    }

    private static void ConfigureResource(ResourceBuilder resource)
    {
        // The SDK reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES itself; LoadGrid only names the default.
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME")))
            resource.AddService(DefaultServiceName, serviceVersion: typeof(TelemetryExporters).Assembly.GetName().Version?.ToString());
    }
}

/// <summary>The telemetry the user asked for cannot start (a bad or busy metrics address): bad input, exit 2.</summary>
public sealed class TelemetryStartException(string message, Exception? inner) : Exception(message, inner);
