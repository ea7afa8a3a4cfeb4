namespace LoadGrid.Core.Scenarios;

/// <summary>
/// The outcome of loading a scenario file: the model when the file is valid, otherwise every error found
/// (sorted by position) and no model, so a half-understood file can never be run.
/// </summary>
public sealed record ScenarioLoadResult(ScenarioFile? Scenario, IReadOnlyList<ScenarioError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Scenario is not null;
}
