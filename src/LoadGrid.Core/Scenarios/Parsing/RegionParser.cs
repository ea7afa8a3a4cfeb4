using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary><c>regions: { us-east: 3, eu-west: 1 }</c>: each region's share of the load, by weight.</summary>
internal static partial class RegionParser
{
    public static readonly RegionWeight DefaultRegion = new("local", 1);

    /// <summary>The regions with a valid name and weight; the default region when the key is absent or empty.</summary>
    public static List<RegionWeight> Parse(YamlNode? node, ParseContext ctx)
    {
        if (node is null || YamlValues.IsNull(node)) return [DefaultRegion];
        var map = YamlMap.Read(node, "'regions'", "under 'regions'", allowedKeys: null, ctx);
        if (map is null) return [];
        if (map.Node.Children.Count == 0)
        {
            ctx.Error(node, "'regions' is empty: give each region a weight, e.g. { us-east: 3, eu-west: 1 }, or leave 'regions' out");
            return [];
        }

        var regions = new List<RegionWeight>();
        foreach (var entry in map.Entries)
        {
            if (!RegionName().IsMatch(entry.Name))
            {
                ctx.Error(entry.Key, $"region name '{entry.Name}' is not valid: use lower-case letters, digits and '-', e.g. us-east");
                continue;
            }
            if (!YamlValues.TryNumber(entry.Value, out var weight) || weight <= 0)
            {
                ctx.Error(entry.Value, $"region '{entry.Name}' needs a positive weight (its share of the load), got {YamlValues.Describe(entry.Value)}");
                continue;
            }
            regions.Add(new RegionWeight(entry.Name, weight));
        }
        return regions;
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex RegionName();
}
