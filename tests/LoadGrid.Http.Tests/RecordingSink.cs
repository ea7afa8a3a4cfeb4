using System.Collections.Concurrent;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Http.Tests;

/// <summary>An in-memory sink that keeps every call, for asserting what the runner recorded.</summary>
public sealed class RecordingSink : IMetricsSink
{
    public ConcurrentQueue<(int Step, long Micros, int Status, TransportError Error, bool Failed)> Requests { get; } = new();
    public ConcurrentQueue<(int Step, bool Passed)> Checks { get; } = new();
    public ConcurrentQueue<long> Iterations { get; } = new();

    public void RecordRequest(int stepIndex, long latencyMicros, int status, TransportError error, bool failed, long bytesSent, long bytesReceived) =>
        Requests.Enqueue((stepIndex, latencyMicros, status, error, failed));

    public void RecordCheck(int stepIndex, bool passed) => Checks.Enqueue((stepIndex, passed));

    public void RecordIteration(long durationMicros) => Iterations.Enqueue(durationMicros);
}
