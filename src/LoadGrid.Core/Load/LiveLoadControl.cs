using System.Globalization;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Core.Load;

/// <summary>What an operator asks of a running run's load.</summary>
public enum LoadAction { Pause, Resume, Scale }

/// <summary>
/// One operator request: pause, resume, or scale by <see cref="Factor"/> / to <see cref="Vus"/> VUs / to
/// <see cref="Rate"/> iterations per second (exactly one of the three for scale), in every region or one.
/// </summary>
public sealed record LoadRequest(LoadAction Action, double? Factor = null, int? Vus = null, double? Rate = null, string? Region = null);

/// <summary>Where a set of live factors applies: one scenario in one region (the load of its shards there).</summary>
public readonly record struct LoadTarget(string Scenario, string Region);

/// <summary>The outcome: the new factors of the scenario × region pairs it changed, and what it did in words (for the run's events).</summary>
public sealed record LoadDecision(IReadOnlyDictionary<LoadTarget, LoadFactors> Changed, string Description);

/// <summary>
/// Turns <c>run pause | resume | scale</c> into new <see cref="LoadFactors"/> per scenario and region, as a pure
/// function of the run's file, the factors so far and the run clock. A change applies from its effective time in
/// every region at once; the same factor in every region keeps the regions' weights (unless the request names a
/// region). <c>--factor</c> and pause/resume apply to every scenario, <c>--vus</c> to the VU scenarios, <c>--rate</c>
/// to the arrival-rate ones. Iteration executors (per-vu-iterations, shared-iterations) have a fixed amount of work
/// and are left alone. A paused target must be resumed before it is scaled.
/// </summary>
public static class LiveLoadControl
{
    /// <summary>A scale may not go beyond this many times the plan (a typo like --factor 100 should not melt a target).</summary>
    public const double MaxFactor = 20;

    public static LoadDecision Decide(ScenarioFile file, IReadOnlyDictionary<LoadTarget, LoadFactors> factors, LoadRequest request, double nowSeconds, double effectiveAt)
    {
        if (request.Region is not null && file.Regions.All(r => r.Name != request.Region))
            throw new LoadControlException($"run has no region '{request.Region}' (its regions: {string.Join(", ", file.Regions.Select(r => r.Name))})");
        var regions = request.Region is null ? file.Regions.Select(r => r.Name).ToArray() : [request.Region];
        var adjustable = file.Scenarios.Where(s => s.Executor is not (ExecutorKind.PerVuIterations or ExecutorKind.SharedIterations)).ToArray();
        if (adjustable.Length == 0)
            throw new LoadControlException("every scenario of this run is an iteration executor (per-vu-iterations, shared-iterations): its work is fixed, so it cannot be paused or scaled");
        var where = request.Region is null ? "in every region" : $"in region {request.Region}";
        var scenarios = request.Action == LoadAction.Scale && request.Vus.HasValue ? adjustable.Where(s => !s.IsOpenModel).ToArray()
            : request.Action == LoadAction.Scale && request.Rate.HasValue ? adjustable.Where(s => s.IsOpenModel).ToArray()
            : adjustable;
        if (scenarios.Length == 0)
            throw new LoadControlException(request.Vus.HasValue
                ? "no VU-based scenario (constant-vus, ramping-vus) in this run: --vus has nothing to scale; try --rate or --factor"
                : "no arrival-rate scenario in this run: --rate has nothing to scale; try --vus or --factor");
        var current = (from s in scenarios from r in regions select new LoadTarget(s.Name, r))
            .ToDictionary(t => t, t => factors.GetValueOrDefault(t) ?? LoadFactors.Plan);
        Dictionary<LoadTarget, double> next;
        string what;
        switch (request.Action)
        {
            case LoadAction.Pause:
                if (current.Values.All(f => f.FactorAt(nowSeconds) == 0)) throw new LoadControlException($"the run is already paused {where}");
                next = current.Keys.ToDictionary(t => t, _ => 0.0);
                what = "paused";
                break;
            case LoadAction.Resume:
                if (current.Values.All(f => f.FactorAt(nowSeconds) > 0)) throw new LoadControlException($"the run is not paused {where}");
                next = current.ToDictionary(kv => kv.Key, kv => kv.Value.FactorAt(nowSeconds) > 0 ? kv.Value.FactorAt(nowSeconds) : kv.Value.LastRunningFactor());
                what = "resumed";
                break;
            case LoadAction.Scale:
                if (current.FirstOrDefault(kv => kv.Value.FactorAt(nowSeconds) == 0) is { Key.Scenario: not null } paused)
                    throw new LoadControlException($"scenario {paused.Key.Scenario} is paused in region {paused.Key.Region}: resume it before scaling");
                (next, what) = Scale(file, scenarios, current, request, nowSeconds);
                break;
            default:
                throw new LoadControlException($"unknown action {request.Action}");
        }
        if (next.Values.Any(f => f > MaxFactor))
            throw new LoadControlException($"that would be {next.Values.Max():0.##}× the plan; the most a live scale allows is {MaxFactor}×");
        var changed = next.ToDictionary(kv => kv.Key, kv => current[kv.Key].With(new LoadChange(effectiveAt, kv.Value)));
        var untouched = file.Scenarios.Where(s => !scenarios.Contains(s)).Select(s => s.Name).ToArray();
        var note = untouched.Length > 0 ? $" ({string.Join(", ", untouched)} unchanged)" : "";
        return new LoadDecision(changed, $"{what} {where} from {effectiveAt.ToString("0.0", CultureInfo.InvariantCulture)}s{note}");
    }

    private static (Dictionary<LoadTarget, double> Next, string What) Scale(
        ScenarioFile file, ScenarioDefinition[] scenarios, Dictionary<LoadTarget, LoadFactors> current, LoadRequest request, double now)
    {
        var given = new[] { request.Factor.HasValue, request.Vus.HasValue, request.Rate.HasValue }.Count(x => x);
        if (given != 1) throw new LoadControlException("scale needs exactly one of --factor F, --vus N, --rate R");
        if (request.Factor is { } factor)
        {
            if (!(factor > 0)) throw new LoadControlException($"--factor must be above 0 (got {factor}); use 'run pause' to stop the load");
            return (current.ToDictionary(kv => kv.Key, kv => kv.Value.FactorAt(now) * factor),
                $"scaled ×{factor.ToString("0.###", CultureInfo.InvariantCulture)}");
        }
        // --vus / --rate: what the plan wants now in the chosen regions, so that the plan times the factor gives it.
        var share = RegionShare(file, current.Keys.Select(t => t.Region));
        if (request.Vus is { } vus)
        {
            if (vus <= 0) throw new LoadControlException($"--vus must be at least 1 (got {vus}); use 'run pause' to stop the load");
            var planned = scenarios.Sum(s => ClosedModel.VusAt(s, TimeSpan.FromSeconds(now) - s.StartTime)) * share;
            if (planned <= 0) throw new LoadControlException("no VU-based scenario is running now: --vus has nothing to scale");
            return (current.Keys.ToDictionary(t => t, _ => vus / planned), $"scaled to {vus} VUs");
        }
        var rate = request.Rate!.Value;
        if (!(rate > 0)) throw new LoadControlException($"--rate must be above 0 (got {rate}); use 'run pause' to stop the load");
        var plannedRate = scenarios.Sum(s => new RateCurve(s).RateAt(now - s.StartTime.TotalSeconds)) * share;
        if (plannedRate <= 0) throw new LoadControlException("no arrival-rate scenario is running now: --rate has nothing to scale");
        return (current.Keys.ToDictionary(t => t, _ => rate / plannedRate),
            $"scaled to {rate.ToString("0.###", CultureInfo.InvariantCulture)} iterations/s");
    }

    /// <summary>The chosen regions' part of the whole run, by weight.</summary>
    private static double RegionShare(ScenarioFile file, IEnumerable<string> regions)
    {
        var chosen = regions.ToHashSet(StringComparer.Ordinal);
        if (chosen.Count == 0) return 0;
        var total = file.Regions.Sum(r => r.Weight);
        return total <= 0 ? 1 : file.Regions.Where(r => chosen.Contains(r.Name)).Sum(r => r.Weight) / total;
    }
}

/// <summary>A live change that cannot be made, with why (the operator sees the message).</summary>
public sealed class LoadControlException(string message) : Exception(message);
