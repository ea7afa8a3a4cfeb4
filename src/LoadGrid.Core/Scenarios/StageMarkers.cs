using LoadGrid.Core.Metrics;

namespace LoadGrid.Core.Scenarios;

/// <summary>
/// Where a file's planned load changes shape, as markers on the run clock: each delayed scenario's start and each
/// ramp stage's start. Pure, from the file alone, so the report's time axis shows the plan the series followed.
/// </summary>
public static class StageMarkers
{
    public static IReadOnlyList<RunMarker> Of(ScenarioFile file)
    {
        var markers = new List<RunMarker>();
        foreach (var scenario in file.Scenarios)
        {
            if (scenario.StartTime > TimeSpan.Zero && scenario.Stages.Count == 0)
                markers.Add(new RunMarker(scenario.StartTime.TotalSeconds, "stage", $"{scenario.Name} starts"));
            var at = scenario.StartTime;
            for (var i = 0; i < scenario.Stages.Count; i++)
            {
                var stage = scenario.Stages[i];
                markers.Add(new RunMarker(at.TotalSeconds, "stage",
                    $"{scenario.Name}: stage {i + 1}/{scenario.Stages.Count} to {stage.Target:0.##} over {stage.Duration.TotalSeconds:0.##}s"));
                at += stage.Duration;
            }
        }
        return markers;
    }
}
