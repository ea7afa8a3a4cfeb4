namespace LoadGrid.Cli;

/// <summary>The contract's exit codes (see docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Finished, every threshold passed.</summary>
    public const int Passed = 0;
    /// <summary>Any other failure (a crash, a report that could not be written, a run aborted by the user).</summary>
    public const int Failure = 1;
    /// <summary>Bad input: usage, invalid scenario file, unreachable cluster address.</summary>
    public const int BadInput = 2;
    /// <summary>Finished (or aborted by a threshold) with a threshold failed.</summary>
    public const int ThresholdFailed = 99;
}
