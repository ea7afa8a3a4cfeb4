using System.Globalization;

namespace LoadGrid.Core.Metrics;

/// <summary>
/// A diagnostic record of every request's latency, one line per sample (<c>runId,shardId,stepIndex,micros</c>), into
/// <c>{LOADGRID_SAMPLE_LOG}.{pid}</c> when that variable is set. It lets a test (or a doubtful user) compute exact
/// percentiles from the raw samples of every node and compare them with the merged summary. Off by default: it costs
/// a lock and a formatted line per request.
/// </summary>
public sealed class SampleLog : IDisposable
{
    public const string EnvironmentVariable = "LOADGRID_SAMPLE_LOG";

    private readonly StreamWriter _writer;
    private readonly object _gate = new();

    private SampleLog(string path) => _writer = new StreamWriter(path, append: true);

    /// <summary>The log named by <see cref="EnvironmentVariable"/>, or null when it is not set.</summary>
    public static SampleLog? FromEnvironment()
    {
        var path = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(path) ? null : new SampleLog($"{path}.{Environment.ProcessId}");
    }

    public void Write(string runId, string shardId, int stepIndex, long micros)
    {
        lock (_gate) _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{runId},{shardId},{stepIndex},{micros}"));
    }

    /// <summary>Called when a shard ends, before it reports its end, so a reader of the finished run sees every line.</summary>
    public void Flush()
    {
        lock (_gate) _writer.Flush();
    }

    public void Dispose()
    {
        lock (_gate) _writer.Dispose();
    }
}

/// <summary>Passes every call on to the shard's metrics and writes each request's latency to the sample log.</summary>
public sealed class SampleLoggingSink(IMetricsSink inner, SampleLog log, string runId, string shardId) : IMetricsSink
{
    public void RecordRequest(int stepIndex, long latencyMicros, int status, TransportError error, bool failed, long bytesSent, long bytesReceived)
    {
        inner.RecordRequest(stepIndex, latencyMicros, status, error, failed, bytesSent, bytesReceived);
        log.Write(runId, shardId, stepIndex, LatencyHistograms.Clamp(latencyMicros));
    }

    public void RecordCheck(int stepIndex, bool passed) => inner.RecordCheck(stepIndex, passed);

    public void RecordIteration(long durationMicros) => inner.RecordIteration(durationMicros);
}
