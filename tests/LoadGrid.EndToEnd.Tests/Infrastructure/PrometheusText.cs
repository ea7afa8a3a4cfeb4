using System.Globalization;
using System.Text.RegularExpressions;

namespace LoadGrid.EndToEnd.Tests.Infrastructure;

/// <summary>One sample of a Prometheus text exposition: <c>name{label="value",…} number</c>.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>Parses the Prometheus text format a scrape endpoint serves (comments skipped).</summary>
public static partial class PrometheusText
{
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var match = Line().Match(line);
            if (!match.Success) throw new FormatException($"not a Prometheus sample line: {line}");
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in Label().Matches(match.Groups["labels"].Value)) labels[label.Groups[1].Value] = label.Groups[2].Value;
            samples.Add(new PrometheusSample(match.Groups["name"].Value, labels,
                double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
        return samples;
    }

    /// <summary>The sum of a series' samples that carry every label given.</summary>
    public static double Sum(this IEnumerable<PrometheusSample> samples, string name, params (string Label, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Label) == l.Value)).Sum(s => s.Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex Line();

    [GeneratedRegex("""([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)""")]
    private static partial Regex Label();
}
