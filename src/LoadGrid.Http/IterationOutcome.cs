namespace LoadGrid.Http;

/// <summary>How a call to <see cref="FlowRunner.RunIterationAsync"/> ended.</summary>
public enum IterationOutcome
{
    /// <summary>Every step ran (failed requests and checks included: they are recorded, not fatal).</summary>
    Completed,
    /// <summary>The run's cancellation token stopped it; the interrupted request was not recorded.</summary>
    Cancelled,
    /// <summary>A unique feeder had no row left, so the iteration did not start; the VU should stop.</summary>
    FeederExhausted,
}
