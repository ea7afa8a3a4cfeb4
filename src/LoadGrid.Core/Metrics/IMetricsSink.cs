namespace LoadGrid.Core.Metrics;

/// <summary>
/// Why a request failed at the transport level. <see cref="None"/> means a response arrived (its status may still
/// make it a failed request).
/// </summary>
public enum TransportError : byte
{
    None = 0,
    ConnectionRefused,
    ConnectionReset,
    Timeout,
    Dns,
    Tls,
    /// <summary>The server sent something that is not valid HTTP.</summary>
    Protocol,
    Other,
}

/// <summary>
/// Where the HTTP runner records what happened. Implementations are called concurrently by many VUs and must not
/// allocate per call (the hot path): they add into pre-built per-step recorders and counters.
/// </summary>
public interface IMetricsSink
{
    /// <summary>One request of step <paramref name="stepIndex"/> (index into the scenario's request steps).</summary>
    /// <param name="latencyMicros">From the intended start (see the open model) to the last byte of the response.</param>
    /// <param name="status">HTTP status, or 0 when <paramref name="error"/> is not None.</param>
    void RecordRequest(int stepIndex, long latencyMicros, int status, TransportError error, bool failed, long bytesSent, long bytesReceived);

    void RecordCheck(int stepIndex, bool passed);

    /// <summary>One finished iteration (completed, or interrupted by a failed request that stopped the flow).</summary>
    void RecordIteration(long durationMicros);
}
