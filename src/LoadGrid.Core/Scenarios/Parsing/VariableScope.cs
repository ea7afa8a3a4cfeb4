using LoadGrid.Core.Templates;
using YamlDotNet.RepresentationModel;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>
/// The variables a flow's templates may read at a given step: built-ins, <c>env.KEY</c>, <c>feeder.column</c>, and
/// names extracted by earlier steps of the same flow. One instance per flow; it grows as steps are read in order.
/// </summary>
internal sealed class VariableScope
{
    public static readonly IReadOnlyList<string> BuiltIns = ["vu", "iteration", "scenario", "region", "uuid", "timestamp"];

    private readonly ParseContext _ctx;
    private readonly IReadOnlyList<FeederDefinition> _feeders;
    private readonly HashSet<string> _extracted = new(StringComparer.Ordinal);

    public VariableScope(ParseContext ctx, IReadOnlyList<FeederDefinition> feeders)
    {
        _ctx = ctx;
        _feeders = feeders;
    }

    /// <summary>A fresh scope for another scenario's flow: extracted variables do not cross flows.</summary>
    public VariableScope ForNewFlow() => new(_ctx, _feeders);

    public void AddExtracted(string name) => _extracted.Add(name);

    /// <summary>
    /// Parses <paramref name="text"/> (the value of <paramref name="node"/>) as a template and checks that every
    /// variable is defined here; null after reporting a malformed placeholder. <paramref name="what"/> names the
    /// value in messages, e.g. "URL".
    /// </summary>
    public Template? Parse(string text, YamlNode node, string what)
    {
        if (!Template.TryParse(text, out var template, out var error))
        {
            _ctx.Error(node, $"{error} in {what} '{text}'");
            return null;
        }
        foreach (var variable in template.Variables) Check(variable, node);
        return template;
    }

    private void Check(string variable, YamlNode node)
    {
        if (BuiltIns.Contains(variable)) return;

        var dot = variable.IndexOf('.');
        if (dot < 0)
        {
            if (_extracted.Contains(variable)) return;
            var hint = DidYouMean.Hint(variable, _extracted.Concat(BuiltIns));
            _ctx.Error(node, $"undefined variable '{variable}': extract it in an earlier step, or use env.{variable} / a feeder field{hint}");
            return;
        }

        var prefix = variable[..dot];
        var field = variable[(dot + 1)..];
        if (prefix == "env")
        {
            if (_ctx.EnvValue(field) is null)
                _ctx.Error(node, $"undefined variable '{variable}': pass --env {field}=… or set the environment variable {field}");
            return;
        }

        var feeder = _feeders.FirstOrDefault(f => f.Name == prefix);
        if (feeder is null)
        {
            var names = _feeders.Select(f => f.Name).ToArray();
            var known = names.Length == 0 ? "there are no feeders under 'data'" : $"feeders: {string.Join(", ", names)}";
            var hint = DidYouMean.Suggest(prefix, names) is { } suggestion ? $"did you mean '{suggestion}'? " : string.Empty;
            _ctx.Error(node, $"undefined variable '{variable}': no feeder named '{prefix}' ({hint}{known})");
            return;
        }
        // Empty columns: the CSV was not read (a worker re-parsing, or a missing file already reported).
        if (feeder.Columns.Count > 0 && !feeder.Columns.Contains(field))
        {
            var hint = DidYouMean.Suggest(field, feeder.Columns) is { } suggestion ? $"did you mean '{suggestion}'? " : string.Empty;
            _ctx.Error(node, $"feeder '{prefix}' has no column '{field}' ({hint}columns: {string.Join(", ", feeder.Columns)})");
        }
    }
}
