using static LoadGrid.Core.Tests.Scenarios.ScenarioTestKit;

namespace LoadGrid.Core.Tests.Scenarios;

/// <summary>Executor names and settings. Settings start at line 5, column 5 (the scenario's name is at 4:3).</summary>
public class ExecutorValidationTests
{
    public static TheoryData<string, string, int, int> ExecutorChoiceErrors => new()
    {
        { "duration: 10s", "scenario 's' needs an 'executor' (one of: constant-vus, ramping-vus, per-vu-iterations, shared-iterations, constant-arrival-rate, ramping-arrival-rate)", 4, 3 },
        { "executor: constant-vu\nduration: 10s", "unknown executor 'constant-vu' (did you mean 'constant-vus'? one of: constant-vus, ramping-vus, per-vu-iterations,", 5, 15 },
        { "executor: steady\nduration: 10s", "unknown executor 'steady' (one of: constant-vus,", 5, 15 },
    };

    [Theory]
    [MemberData(nameof(ExecutorChoiceErrors))]
    public void Executor_must_be_known(string settings, string fragment, int line, int column) =>
        AssertSingleError(ScenarioWith(settings), fragment, line, column);

    public static TheoryData<string, string, int, int> KeyErrors => new()
    {
        { "executor: constant-vus\nduration: 10s\nduraton: 10s", "unknown key 'duraton' in scenario 's' (did you mean 'duration'?)", 7, 5 },
        { "executor: constant-vus\nduration: 10s\nstartVus: 1", "unknown key 'startVus' in scenario 's' (did you mean 'startVUs'?)", 7, 5 },
        { "executor: constant-vus\nduration: 10s\nrate: 5", "'rate' does not apply to executor 'constant-vus' (it takes: vus, duration)", 7, 5 },
        { "executor: ramping-vus\nvus: 5\nstages: [ { duration: 1s, target: 1 } ]", "'vus' does not apply to executor 'ramping-vus' (it takes: startVUs, stages)", 6, 5 },
        { "executor: constant-arrival-rate\nrate: 1\nduration: 1s\npreAllocatedVUs: 1\niterations: 5", "'iterations' does not apply to executor 'constant-arrival-rate'", 9, 5 },
    };

    [Theory]
    [MemberData(nameof(KeyErrors))]
    public void Keys_must_be_known_and_apply_to_the_executor(string settings, string fragment, int line, int column) =>
        AssertSingleError(ScenarioWith(settings), fragment, line, column);

    public static TheoryData<string, string, int, int> MissingSettings => new()
    {
        { "executor: constant-vus\nvus: 2", "scenario 's' (constant-vus) needs 'duration', e.g. duration: 30s", 4, 3 },
        { "executor: ramping-vus", "scenario 's' (ramping-vus) needs 'stages', e.g. stages: [ { duration: 10s, target: 10 } ]", 4, 3 },
        { "executor: constant-arrival-rate\nduration: 10s\npreAllocatedVUs: 2", "needs 'rate', e.g. rate: 100", 4, 3 },
        { "executor: constant-arrival-rate\nrate: 10\nduration: 10s", "needs 'preAllocatedVUs', e.g. preAllocatedVUs: 10", 4, 3 },
        { "executor: ramping-arrival-rate\nstages: [ { duration: 1s, target: 1 } ]", "(ramping-arrival-rate) needs 'preAllocatedVUs'", 4, 3 },
    };

    [Theory]
    [MemberData(nameof(MissingSettings))]
    public void Required_settings_are_reported_at_the_scenario_name(string settings, string fragment, int line, int column) =>
        AssertSingleError(ScenarioWith(settings), fragment, line, column);

    public static TheoryData<string, string, int, int> BadCounts => new()
    {
        { "executor: constant-vus\nvus: -3\nduration: 10s", "'vus' must be a positive integer, got -3", 6, 10 },
        { "executor: constant-vus\nvus: 1.5\nduration: 10s", "'vus' must be a positive integer, got 1.5", 6, 10 },
        { "executor: constant-vus\nvus: many\nduration: 10s", "'vus' must be a positive integer, got many", 6, 10 },
        { "executor: constant-vus\nvus: 3000000000\nduration: 10s", "'vus' must be at most 2147483647, got 3000000000", 6, 10 },
        { "executor: per-vu-iterations\niterations: 0", "'iterations' must be a positive integer, got 0", 6, 17 },
        { "executor: ramping-vus\nstartVUs: -1\nstages: [ { duration: 10s, target: 5 } ]", "'startVUs' must be an integer of 0 or more, got -1", 6, 15 },
        { "executor: constant-arrival-rate\nrate: 0\nduration: 10s\npreAllocatedVUs: 2", "'rate' must be a positive number, got 0", 6, 11 },
        { "executor: constant-arrival-rate\nrate: 1\nduration: 10s\npreAllocatedVUs: [2]", "'preAllocatedVUs' must be a positive integer, got a list", 8, 22 },
        { "executor: ramping-arrival-rate\nstartRate: -1\nstages: [ { duration: 1s, target: 1 } ]\npreAllocatedVUs: 1", "'startRate' must be a number of 0 or more, got -1", 6, 16 },
    };

    [Theory]
    [MemberData(nameof(BadCounts))]
    public void Counts_must_be_in_range(string settings, string fragment, int line, int column) =>
        AssertSingleError(ScenarioWith(settings), fragment, line, column);

    public static TheoryData<string, string, int, int> BadDurations => new()
    {
        { "executor: constant-vus\nduration: 10x", "bad duration '10x': use a number with ms, s, m or h, e.g. 500ms, 10s, 2m", 6, 15 },
        { "executor: constant-vus\nduration: 0s", "'duration' must be longer than 0s, got 0s", 6, 15 },
        { "executor: constant-vus\nduration: { s: 1 }", "'duration' must be a duration, got a mapping", 6, 15 },
        { "executor: constant-vus\nduration: 1s\ngracefulStop: soon", "bad duration 'soon'", 7, 19 },
        { "executor: constant-vus\nduration: 1s\nstartTime: -1s", "bad duration '-1s'", 7, 16 },
        { "executor: constant-arrival-rate\nrate: 1\ntimeUnit: 0\nduration: 1s\npreAllocatedVUs: 1", "'timeUnit' must be longer than 0s", 7, 15 },
        { "executor: per-vu-iterations\nduration: 1m\nmaxDuration: 2m", "give either 'duration' or 'maxDuration' (they mean the same here), not both", 7, 5 },
    };

    [Theory]
    [MemberData(nameof(BadDurations))]
    public void Durations_must_parse(string settings, string fragment, int line, int column) =>
        AssertSingleError(ScenarioWith(settings), fragment, line, column);

    public static TheoryData<string, string, int, int> Relations => new()
    {
        { "executor: constant-arrival-rate\nrate: 10\nduration: 10s\npreAllocatedVUs: 10\nmaxVUs: 5", "'maxVUs' (5) must be at least 'preAllocatedVUs' (10)", 9, 13 },
        { "executor: shared-iterations\nvus: 10\niterations: 5", "'iterations' (5) must be at least 'vus' (10) for shared-iterations", 7, 17 },
        { "executor: shared-iterations\nvus: 10", "'iterations' (1) must be at least 'vus' (10) for shared-iterations", 6, 10 },
    };

    [Theory]
    [MemberData(nameof(Relations))]
    public void Related_settings_must_agree(string settings, string fragment, int line, int column) =>
        AssertSingleError(ScenarioWith(settings), fragment, line, column);

    public static TheoryData<string, string, int, int> StageErrors => new()
    {
        { "executor: ramping-vus\nstages: []", "'stages' must be a non-empty list like [ { duration: 10s, target: 10 } ], got an empty list", 6, 13 },
        { "executor: ramping-vus\nstages: 10s", "'stages' must be a non-empty list", 6, 13 },
        { "executor: ramping-vus\nstages: [ { duration: 10s } ]", "stage 1 of scenario 's' needs 'target'", 6, 15 },
        { "executor: ramping-vus\nstages: [ { duration: 10s, target: -1 } ]", "'target' must be an integer of 0 or more, got -1", 6, 40 },
        { "executor: ramping-vus\nstages: [ { duration: 10s, target: 2.5 } ]", "'target' must be an integer of 0 or more, got 2.5", 6, 40 },
        { "executor: ramping-vus\nstages: [ { duration: 10s, target: 5, durtion: 1s } ]", "unknown key 'durtion' in stage 1 of scenario 's' (did you mean 'duration'?)", 6, 43 },
        { "executor: ramping-vus\nstages: [ { duration: 0s, target: 5 } ]", "'stages' add up to 0s", 6, 13 },
        { "executor: ramping-vus\nstages: [ 5 ]", "stage 1 of scenario 's' must be a mapping, got 5", 6, 15 },
    };

    [Theory]
    [MemberData(nameof(StageErrors))]
    public void Stages_must_be_well_formed(string settings, string fragment, int line, int column) =>
        AssertSingleError(ScenarioWith(settings), fragment, line, column);

    public static TheoryData<string, string, int, int> FlowErrors => new()
    {
        { "", "scenario 's' needs a 'flow': a list of steps, e.g. flow: [ { get: /products } ]", 4, 3 },
        { "flow: { get: / }", "'flow' of scenario 's' must be a non-empty list of steps", 7, 11 },
        { "flow: []", "'flow' of scenario 's' must be a non-empty list of steps", 7, 11 },
    };

    [Theory]
    [MemberData(nameof(FlowErrors))]
    public void Flow_is_required_and_non_empty(string flow, string fragment, int line, int column) =>
        AssertSingleError(ScenarioWith("executor: constant-vus\nduration: 1s", flow), fragment, line, column);

    [Fact]
    public void A_scenario_that_is_not_a_mapping_is_reported()
    {
        var yaml = Lines("name: t", "baseUrl: http://x", "scenarios:", "  s: constant-vus");
        AssertSingleError(yaml, "scenario 's' must be a mapping, got constant-vus", 4, 6);
    }
}
