namespace LoadGrid.Core.Metrics;

/// <summary>
/// The coordinator's merge of a run's intervals. Aggregates are kept per (scenario, step, region) — the finest
/// slice a threshold can name — so any combination of tags is exact; totals, per-scenario, per-step and per-region
/// figures are unions of those slices, computed when asked. A (shard, seq) pair is merged once.
/// </summary>
public sealed class RunAggregator(string runId, string name, IReadOnlyList<string> regions)
{
    private readonly Dictionary<(string Scenario, string Step, string Region), MetricAggregate> _slices = [];
    private readonly Dictionary<(string Scenario, string Region), IterationAggregate> _iterations = [];
    private readonly Dictionary<(string Node, string Region), long> _nodeRequests = [];
    private readonly Dictionary<string, (int Seq, int Vus, string Region)> _latestGauges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SeqSet> _merged = new(StringComparer.Ordinal);
    private readonly SecondSeries _series = new();
    private readonly Dictionary<string, SecondSeries> _regionSeries = regions.ToDictionary(r => r, _ => new SecondSeries(), StringComparer.Ordinal);
    private readonly Dictionary<int, int> _vusBySecond = [];
    // Per step and per scenario for the report's tabs. A step's VUs and iterations are those of the shards that ran
    // it (a step has no VUs of its own); its requests, errors and latencies are its own.
    private readonly Dictionary<string, SecondSeries> _stepSeries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SecondSeries> _scenarioSeries = new(StringComparer.Ordinal);

    public string RunId { get; } = runId;

    public string Name { get; } = name;

    /// <summary>Merges one interval; false (and nothing merged) when this (shard, seq) was merged already.</summary>
    public bool Add(IntervalSource source, int seq, IntervalSnapshot snapshot)
    {
        if (!_merged.TryGetValue(source.ShardId, out var merged)) _merged[source.ShardId] = merged = new SeqSet();
        if (!merged.Add(seq)) return false;
        foreach (var step in snapshot.Steps)
        {
            var key = (source.Scenario, step.Name, source.Region);
            if (!_slices.TryGetValue(key, out var slice)) _slices[key] = slice = new MetricAggregate();
            slice.Add(step);
        }
        var iterationKey = (source.Scenario, source.Region);
        if (!_iterations.TryGetValue(iterationKey, out var iterations)) _iterations[iterationKey] = iterations = new IterationAggregate();
        iterations.Add(snapshot);

        var nodeKey = (source.Node, source.Region);
        _nodeRequests[nodeKey] = _nodeRequests.GetValueOrDefault(nodeKey) + snapshot.Requests;
        if (!_latestGauges.TryGetValue(source.ShardId, out var latest) || latest.Seq <= seq)
            _latestGauges[source.ShardId] = (seq, snapshot.ActiveVus, source.Region);
        _vusBySecond[seq] = _vusBySecond.GetValueOrDefault(seq) + snapshot.ActiveVus;

        _series.Add(seq, snapshot);
        if (!_regionSeries.TryGetValue(source.Region, out var regionSeries)) _regionSeries[source.Region] = regionSeries = new SecondSeries();
        regionSeries.Add(seq, snapshot);
        if (!_scenarioSeries.TryGetValue(source.Scenario, out var scenarioSeries)) _scenarioSeries[source.Scenario] = scenarioSeries = new SecondSeries();
        scenarioSeries.Add(seq, snapshot);
        // Distinct: two steps of one flow may share a name, and the snapshot must be added to that name's series once.
        foreach (var stepName in snapshot.Steps.Select(s => s.Name).Distinct(StringComparer.Ordinal))
        {
            if (!_stepSeries.TryGetValue(stepName, out var stepSeries)) _stepSeries[stepName] = stepSeries = new SecondSeries();
            stepSeries.Add(seq, snapshot, s => s.Name == stepName);
        }
        return true;
    }

    /// <summary>True when this (shard, seq) was merged already: a re-sent interval need not even be decoded.</summary>
    public bool HasMerged(string shardId, int seq) => _merged.TryGetValue(shardId, out var merged) && merged.Contains(seq);

    public IReadOnlyList<SeriesPoint> Series => _series.Points;

    public IReadOnlyList<SeriesPoint> RegionSeries(string region) =>
        _regionSeries.TryGetValue(region, out var series) ? series.Points : [];

    /// <summary>Per step name, ordered by name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>> StepSeries => Ordered(_stepSeries);

    /// <summary>Per scenario name, ordered by name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>> ScenarioSeries => Ordered(_scenarioSeries);

    /// <summary>Closes the per-second series (call once the run has ended).</summary>
    public void FinishSeries()
    {
        _series.CloseAll();
        foreach (var series in _regionSeries.Values.Concat(_stepSeries.Values).Concat(_scenarioSeries.Values)) series.CloseAll();
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>> Ordered(Dictionary<string, SecondSeries> series) =>
        series.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value.Points, StringComparer.Ordinal);

    /// <summary>The union of the slices matching <paramref name="tags"/> (step, scenario, region; others match nothing).</summary>
    public MetricView View(string metric, IReadOnlyDictionary<string, string> tags)
    {
        string? Tag(string key) => tags.TryGetValue(key, out var value) ? value : null;
        var unknownTag = tags.Keys.Any(k => k is not ("step" or "scenario" or "region"));
        var step = Tag("step");
        var scenario = Tag("scenario");
        var region = Tag("region");
        var requests = new MetricAggregate();
        var iterations = new IterationAggregate();
        if (unknownTag) return new MetricView(requests, iterations);
        foreach (var ((sliceScenario, sliceStep, sliceRegion), slice) in _slices)
            if ((step is null || step == sliceStep) && (scenario is null || scenario == sliceScenario) && (region is null || region == sliceRegion))
                requests.Add(slice);
        // Iterations carry no step: a step tag does not narrow them.
        foreach (var ((iterationScenario, iterationRegion), aggregate) in _iterations)
            if ((scenario is null || scenario == iterationScenario) && (region is null || region == iterationRegion))
                iterations.Add(aggregate);
        return new MetricView(requests, iterations);
    }

    public RunProgress Progress(TimeSpan elapsed, TimeSpan planned, IReadOnlyList<ScenarioProgress> scenarios)
    {
        var all = View("", new Dictionary<string, string>());
        var latest = _series.Latest;
        var regionProgress = _regionSeries.Select(r =>
        {
            var point = r.Value.Latest;
            var view = View("", new Dictionary<string, string> { ["region"] = r.Key }).Requests;
            return new RegionProgress(r.Key, _latestGauges.Values.Where(g => g.Region == r.Key).Sum(g => g.Vus),
                point?.Requests ?? 0, point?.P95Ms ?? 0, Rate(view.Failed, view.Requests));
        }).ToArray();
        return new RunProgress(RunId, Name, elapsed, planned, _latestGauges.Values.Sum(g => g.Vus),
            latest?.Requests ?? 0, latest?.P95Ms ?? 0, Rate(all.Requests.Failed, all.Requests.Requests),
            all.Requests.Requests, all.Requests.Failed, all.Iterations.Iterations, scenarios, regionProgress);
    }

    public RunSummary BuildSummary(RunStatus status, DateTimeOffset startedAt, double durationSeconds, IReadOnlyList<ThresholdResult> thresholds, IReadOnlyList<string> warnings)
    {
        FinishSeries();
        var duration = Math.Max(durationSeconds, 1e-9);
        var total = View("", new Dictionary<string, string>());
        var totals = new TotalsSummary(
            total.Requests.Requests, total.Requests.Failed, Rate(total.Requests.Failed, total.Requests.Requests), total.Requests.Requests / duration,
            total.Iterations.Iterations, total.Iterations.Dropped, total.Requests.ChecksPassed, total.Requests.ChecksFailed,
            LatencyHistograms.Summarize(total.Requests.Latency), StatusCodes(total.Requests), Errors(total.Requests),
            total.Requests.BytesSent, total.Requests.BytesReceived, LatencyHistograms.Summarize(total.Iterations.Duration),
            _vusBySecond.Count == 0 ? 0 : _vusBySecond.Values.Max());

        GroupSummary Group(string tag, string value)
        {
            var view = View("", new Dictionary<string, string> { [tag] = value });
            return new GroupSummary(view.Requests.Requests, view.Requests.Failed, Rate(view.Requests.Failed, view.Requests.Requests),
                view.Requests.Requests / duration, LatencyHistograms.Summarize(view.Requests.Latency), view.Iterations.Iterations);
        }

        var scenarios = _iterations.Keys.Select(k => k.Scenario).Concat(_slices.Keys.Select(k => k.Scenario)).Distinct()
            .Order(StringComparer.Ordinal).ToDictionary(s => s, s => Group("scenario", s));
        var steps = _slices.Keys.Select(k => k.Step).Distinct().Order(StringComparer.Ordinal).ToDictionary(s => s, s =>
        {
            var view = View("", new Dictionary<string, string> { ["step"] = s }).Requests;
            return new StepSummary(view.Requests, view.Failed, Rate(view.Failed, view.Requests), view.Requests / duration,
                LatencyHistograms.Summarize(view.Latency), StatusCodes(view), Errors(view), view.ChecksPassed, view.ChecksFailed);
        });
        var regionSummaries = _regionSeries.Keys.ToDictionary(r => r, r => Group("region", r));
        var nodes = _nodeRequests.OrderBy(n => n.Key.Node, StringComparer.Ordinal).ThenBy(n => n.Key.Region, StringComparer.Ordinal)
            .Select(n => new NodeSummary(n.Key.Node, n.Key.Region, n.Value)).ToArray();
        return new RunSummary(RunId, Name, status, startedAt, durationSeconds, totals, scenarios, steps, regionSummaries, nodes, thresholds, warnings);
    }

    private static double Rate(long part, long whole) => whole == 0 ? 0 : part / (double)whole;

    private static IReadOnlyDictionary<string, long> StatusCodes(MetricAggregate aggregate) =>
        aggregate.StatusCodes.OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.Value);

    private static IReadOnlyDictionary<string, long> Errors(MetricAggregate aggregate) =>
        Enum.GetValues<TransportError>().Where(e => e != TransportError.None && aggregate.Errors[(int)e] > 0)
            .ToDictionary(e => char.ToLowerInvariant(e.ToString()[0]) + e.ToString()[1..], e => aggregate.Errors[(int)e]);
}
