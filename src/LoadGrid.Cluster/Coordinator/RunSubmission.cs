using LoadGrid.Cluster.Protocol;
using LoadGrid.Core.Data;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Cluster.Coordinator;

/// <summary>Turns a submitted run into a plan, or into the reason it cannot run. Pure, so it is tested on its own.</summary>
public static class RunSubmission
{
    public sealed record Outcome(RunSetup? Setup, RunRejected? Rejection, Dictionary<string, int> WorkersPerRegion);

    public static Outcome Plan(SubmitRun submit, IReadOnlyDictionary<string, int> workersUp)
    {
        var parsed = ScenarioLoader.Parse(submit.ScenarioText, submit.ScenarioPath, submit.Env, checkFiles: false);
        if (parsed.Scenario is null)
            return Reject(submit, $"{submit.ScenarioPath} is not a valid scenario file", parsed.Errors.Select(e => e.ToString()).ToArray(), badInput: true);
        var file = submit.BaseUrlOverride is null ? parsed.Scenario : parsed.Scenario with { BaseUrl = submit.BaseUrlOverride };

        var missingFeeders = file.Data.Select(d => d.Name).Except(submit.Feeders.Select(f => f.Name), StringComparer.Ordinal).ToArray();
        if (missingFeeders.Length > 0)
            return Reject(submit, $"the submission lacks the rows of feeder(s) {string.Join(", ", missingFeeders)}", [], badInput: true);

        var workers = file.Regions.ToDictionary(r => r.Name, r => workersUp.GetValueOrDefault(r.Name), StringComparer.Ordinal);
        var empty = workers.Where(w => w.Value == 0).Select(w => w.Key).ToArray();
        if (empty.Length > 0)
            return Reject(submit, $"no worker node is up in region(s) {string.Join(", ", empty)}: start one with 'loadgrid node --role worker --region {empty[0]} --seed …'", [], badInput: false);

        var feeders = submit.Feeders
            .Select(f => new FeederTable(f.Name, f.Columns, f.Rows, (FeederPick)f.Pick))
            .ToArray();
        var shards = RunPlanner.Plan(submit.RunId, file, workers);
        var setup = new RunSetup(submit.RunId, file, submit.Env, shards, feeders, DateTimeOffset.UtcNow, submit.SubmittedBy, submit.BaseUrlOverride);
        return new Outcome(setup, null, workers);
    }

    private static Outcome Reject(SubmitRun submit, string reason, string[] errors, bool badInput) =>
        new(null, new RunRejected(submit.RunId, reason, errors, badInput), []);
}
