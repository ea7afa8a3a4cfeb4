namespace LoadGrid.Cli.Telemetry;

/// <summary>Runs an embedded run (or a node) with the process's exporters up around it, lingering after it if asked.</summary>
public static class ExportingRun
{
    public static async Task<int> RunAsync(TelemetrySettings settings, Func<Task<int>> run)
    {
        TelemetryExporters exporters;
        try
        {
            exporters = TelemetryExporters.Start(settings);
        }
        catch (TelemetryStartException e)
        {
            return Commands.Usage.Fail(e.Message);
        }
        using (exporters)
        {
            if (exporters.ScrapeUrl is not null) Console.WriteLine($"Metrics: {exporters.ScrapeUrl}");
            var exitCode = await run();
            await exporters.LingerAsync(settings.Linger, Console.Out);
            return exitCode;
        }
    }
}
