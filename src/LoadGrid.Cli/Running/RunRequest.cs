namespace LoadGrid.Cli.Running;

/// <summary>What the user asked <c>loadgrid run</c> (or <c>demo</c>) to do.</summary>
public sealed record RunRequest(
    string ScenarioPath,
    IReadOnlyDictionary<string, string> Env,
    string? SummaryJsonPath,
    string? ReportPath,
    bool NoProgress);
