using YamlDotNet.RepresentationModel;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>A scenario as read: the definition is null when its executor could not be determined.</summary>
internal sealed record ParsedScenario(string Name, ScenarioDefinition? Definition, IReadOnlyList<FlowStep> Flow);

/// <summary><c>scenarios:</c>: each scenario's executor and settings (as k6 defines them) and its flow.</summary>
internal static class ScenarioSectionParser
{
    private static readonly TimeSpan DefaultTimeUnit = TimeSpan.FromSeconds(1);

    public static List<ParsedScenario> Parse(YamlNode? node, YamlNode root, ParseContext ctx, VariableScope scope, bool hasBaseUrl)
    {
        if (node is null)
        {
            ctx.Error(root, "the file needs 'scenarios': at least one scenario, e.g. scenarios: { browse: { executor: constant-vus, duration: 30s, flow: [ { get: / } ] } }");
            return [];
        }
        var map = YamlMap.Read(node, "'scenarios'", "under 'scenarios'", allowedKeys: null, ctx);
        if (map is null) return [];
        if (map.Node.Children.Count == 0)
        {
            ctx.Error(node, "'scenarios' is empty: add at least one scenario with an executor and a flow");
            return [];
        }
        return map.Entries.Select(entry => ParseScenario(entry, ctx, scope.ForNewFlow(), hasBaseUrl)).ToList();
    }

    private static ParsedScenario ParseScenario(YamlMap.Entry entry, ParseContext ctx, VariableScope scope, bool hasBaseUrl)
    {
        var name = entry.Name;
        var map = YamlMap.Read(entry.Value, $"scenario '{name}'", $"in scenario '{name}'", ExecutorSpecs.AllKeys, ctx);
        if (map is null) return new ParsedScenario(name, null, []);

        var spec = ReadExecutor(map, entry.Key, name, ctx);
        if (spec is not null) ReportSettingsThatDoNotApply(map, spec, ctx);

        var startTime = map.Value("startTime") is { } startNode ? YamlValues.Duration(startNode, "startTime", allowZero: true, ctx) : null;
        var gracefulStop = map.Value("gracefulStop") is { } stopNode ? YamlValues.Duration(stopNode, "gracefulStop", allowZero: true, ctx) : null;

        IReadOnlyList<FlowStep> flow = [];
        if (map.Value("flow") is { } flowNode) flow = new FlowParser(ctx, scope, hasBaseUrl, name).Parse(flowNode);
        else ctx.Error(entry.Key, $"scenario '{name}' needs a 'flow': a list of steps, e.g. flow: [ {{ get: /products }} ]");

        if (spec is null) return new ParsedScenario(name, null, flow);
        var neutral = new ScenarioDefinition(
            name, spec.Kind, Vus: 0, Duration: TimeSpan.Zero, Iterations: 0, Rate: 0, TimeUnit: DefaultTimeUnit,
            PreAllocatedVus: 0, MaxVus: 0, StartVus: 0, StartRate: 0, Stages: [],
            StartTime: startTime ?? TimeSpan.Zero, GracefulStop: gracefulStop ?? ScenarioDefinition.DefaultGracefulStop, Flow: flow);
        var definition = ApplyExecutorSettings(neutral, new ExecutorSettings(map, spec, entry.Key, name, ctx));
        return new ParsedScenario(name, definition, flow);
    }

    private static ExecutorSpec? ReadExecutor(YamlMap map, YamlNode owner, string scenario, ParseContext ctx)
    {
        if (map.Value("executor") is not { } node)
        {
            ctx.Error(owner, $"scenario '{scenario}' needs an 'executor' (one of: {string.Join(", ", ExecutorSpecs.Names)})");
            return null;
        }
        var text = YamlValues.Text(node) ?? YamlValues.Describe(node);
        var spec = ExecutorSpecs.Find(text);
        if (spec is null) ctx.Error(node, $"unknown executor '{text}'{DidYouMean.OneOf(text, ExecutorSpecs.Names)}");
        return spec;
    }

    private static void ReportSettingsThatDoNotApply(YamlMap map, ExecutorSpec spec, ParseContext ctx)
    {
        foreach (var entry in map.Entries)
        {
            if (ExecutorSpecs.CommonKeys.Contains(entry.Name) || spec.Settings.Contains(entry.Name)) continue;
            ctx.Error(entry.Key, $"'{entry.Name}' does not apply to executor '{spec.Name}' (it takes: {string.Join(", ", spec.Settings)})");
        }
    }

    private static ScenarioDefinition ApplyExecutorSettings(ScenarioDefinition d, ExecutorSettings s)
    {
        switch (d.Executor)
        {
            case ExecutorKind.ConstantVus:
                return d with { Vus = s.PositiveInt("vus") ?? 1, Duration = s.RequiredDuration("duration", "30s") ?? TimeSpan.Zero };

            case ExecutorKind.RampingVus:
            {
                var stages = s.Stages(integerTargets: true);
                return d with { StartVus = s.NonNegativeInt("startVUs") ?? 1, Stages = stages, Duration = Total(stages) };
            }

            case ExecutorKind.PerVuIterations:
            case ExecutorKind.SharedIterations:
            {
                var vus = s.PositiveInt("vus");
                var iterations = s.PositiveLong("iterations");
                if (d.Executor == ExecutorKind.SharedIterations && (iterations ?? 1) < (vus ?? 1))
                {
                    s.Error(s.Node("iterations") ?? s.Node("vus")!,
                        $"'iterations' ({iterations ?? 1}) must be at least 'vus' ({vus ?? 1}) for shared-iterations: the VUs share the iterations, so each needs at least one");
                }
                return d with
                {
                    Vus = vus ?? 1,
                    Iterations = iterations ?? 1,
                    Duration = s.MaxDuration() ?? ScenarioDefinition.DefaultMaxDuration,
                };
            }

            case ExecutorKind.ConstantArrivalRate:
            {
                var rate = s.RequiredPositiveNumber("rate", "100");
                var duration = s.RequiredDuration("duration", "30s");
                var (preAllocated, maxVus) = s.VuPool();
                return d with
                {
                    Rate = rate ?? 0, TimeUnit = s.TimeUnit() ?? DefaultTimeUnit, Duration = duration ?? TimeSpan.Zero,
                    PreAllocatedVus = preAllocated, MaxVus = maxVus,
                };
            }

            case ExecutorKind.RampingArrivalRate:
            {
                var startRate = s.NonNegativeNumber("startRate");
                var stages = s.Stages(integerTargets: false);
                var (preAllocated, maxVus) = s.VuPool();
                return d with
                {
                    StartRate = startRate ?? 0, TimeUnit = s.TimeUnit() ?? DefaultTimeUnit, Stages = stages, Duration = Total(stages),
                    PreAllocatedVus = preAllocated, MaxVus = maxVus,
                };
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(d), d.Executor, "executor without settings rules");
        }
    }

    private static TimeSpan Total(IReadOnlyList<Stage> stages) =>
        stages.Aggregate(TimeSpan.Zero, (sum, stage) => sum + stage.Duration);
}
