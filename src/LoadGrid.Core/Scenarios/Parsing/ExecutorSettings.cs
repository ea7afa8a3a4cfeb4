using YamlDotNet.RepresentationModel;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>
/// Reads one scenario's executor settings. Keys that do not apply to the executor were already reported and read
/// as absent; a missing required key is reported at the scenario's name.
/// </summary>
internal sealed class ExecutorSettings(YamlMap map, ExecutorSpec spec, YamlNode owner, string scenario, ParseContext ctx)
{
    private static readonly string[] StageKeys = ["duration", "target"];

    public YamlNode? Node(string key) => spec.Settings.Contains(key) ? map.Value(key) : null;

    public void Error(YamlNode node, string message) => ctx.Error(node, message);

    public int? PositiveInt(string key) => Node(key) is { } node ? YamlValues.PositiveInt(node, key, ctx) : null;

    public int? NonNegativeInt(string key) => Node(key) is { } node ? YamlValues.NonNegativeInt(node, key, ctx) : null;

    public long? PositiveLong(string key) => Node(key) is { } node ? YamlValues.PositiveLong(node, key, ctx) : null;

    public double? NonNegativeNumber(string key) => Node(key) is { } node ? YamlValues.NonNegativeNumber(node, key, ctx) : null;

    public double? RequiredPositiveNumber(string key, string example) =>
        Node(key) is { } node ? YamlValues.PositiveNumber(node, key, ctx) : Missing<double>(key, example);

    public TimeSpan? RequiredDuration(string key, string example) =>
        Node(key) is { } node ? YamlValues.Duration(node, key, allowZero: false, ctx) : Missing<TimeSpan>(key, example);

    public TimeSpan? TimeUnit() => Node("timeUnit") is { } node ? YamlValues.Duration(node, "timeUnit", allowZero: false, ctx) : null;

    /// <summary>The iteration executors' cap, written as <c>duration</c> or k6's <c>maxDuration</c>.</summary>
    public TimeSpan? MaxDuration()
    {
        var duration = Node("duration");
        var maxDuration = Node("maxDuration");
        if (duration is not null && maxDuration is not null)
        {
            ctx.Error(map.Key("maxDuration")!, "give either 'duration' or 'maxDuration' (they mean the same here), not both");
            return null;
        }
        return duration is not null ? YamlValues.Duration(duration, "duration", allowZero: false, ctx)
            : maxDuration is not null ? YamlValues.Duration(maxDuration, "maxDuration", allowZero: false, ctx)
            : null;
    }

    /// <summary>preAllocatedVUs (required) and maxVUs (default preAllocatedVUs, never below it); 0 when invalid.</summary>
    public (int PreAllocated, int Max) VuPool()
    {
        var preAllocated = Node("preAllocatedVUs") is { } preNode
            ? YamlValues.PositiveInt(preNode, "preAllocatedVUs", ctx)
            : Missing<int>("preAllocatedVUs", "10");
        var maxNode = Node("maxVUs");
        var max = maxNode is null ? null : YamlValues.PositiveInt(maxNode, "maxVUs", ctx);
        if (max is not null && preAllocated is not null && max < preAllocated)
            ctx.Error(maxNode!, $"'maxVUs' ({max}) must be at least 'preAllocatedVUs' ({preAllocated})");
        return (preAllocated ?? 0, max ?? preAllocated ?? 0);
    }

    /// <summary><c>stages: [ { duration: 10s, target: 50 }, … ]</c>; targets are VUs (integers) or rates.</summary>
    public IReadOnlyList<Stage> Stages(bool integerTargets)
    {
        if (Node("stages") is not { } node)
        {
            Missing<int>("stages", "[ { duration: 10s, target: 10 } ]");
            return [];
        }
        if (node is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            ctx.Error(node, $"'stages' must be a non-empty list like [ {{ duration: 10s, target: 10 }} ], got {YamlValues.Describe(node)}");
            return [];
        }

        var stages = new List<Stage>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var what = $"stage {i + 1} of scenario '{scenario}'";
            var stage = YamlMap.Read(list.Children[i], what, $"in {what}", StageKeys, ctx);
            if (stage is null) continue;
            var duration = Required(stage, "duration", what, n => YamlValues.Duration(n, "duration", allowZero: true, ctx));
            var target = Required(stage, "target", what, n => integerTargets
                ? YamlValues.NonNegativeInt(n, "target", ctx)
                : YamlValues.NonNegativeNumber(n, "target", ctx));
            if (duration is not null && target is not null) stages.Add(new Stage(duration.Value, target.Value));
        }
        if (stages.Count == list.Children.Count && stages.All(s => s.Duration == TimeSpan.Zero))
            ctx.Error(node, "'stages' add up to 0s: give at least one stage a duration above 0s");
        return stages;
    }

    private T? Required<T>(YamlMap stage, string key, string what, Func<YamlNode, T?> read) where T : struct
    {
        if (stage.Value(key) is { } node) return read(node);
        ctx.Error(stage.Node, $"{what} needs '{key}'");
        return null;
    }

    private T? Missing<T>(string key, string example) where T : struct
    {
        ctx.Error(owner, $"scenario '{scenario}' ({spec.Name}) needs '{key}', e.g. {key}: {example}");
        return null;
    }
}
