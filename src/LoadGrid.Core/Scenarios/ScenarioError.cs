namespace LoadGrid.Core.Scenarios;

/// <summary>One problem in a scenario file, at the 1-based line and column of the offending YAML node.</summary>
public sealed record ScenarioError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
