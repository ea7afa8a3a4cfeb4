using LoadGrid.Core.Metrics;

namespace LoadGrid.Cli.Running;

public static class ExitCodeOf
{
    /// <summary>
    /// Passed → 0; a failed threshold → 99 (also when it aborted the run); aborted by the user with every threshold
    /// passing → 1, since the run did not finish.
    /// </summary>
    public static int Summary(RunSummary summary) => summary.Status switch
    {
        RunStatus.Passed => ExitCodes.Passed,
        RunStatus.Failed => ExitCodes.ThresholdFailed,
        _ => summary.Thresholds.Any(t => !t.Passed) ? ExitCodes.ThresholdFailed : ExitCodes.Failure,
    };
}
