using YamlDotNet.RepresentationModel;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>
/// A YAML mapping read once: entries by key, in file order. With a set of allowed keys it reports every other key
/// (at the key, with a did-you-mean); in any case it reports keys that are not plain scalars.
/// </summary>
internal sealed class YamlMap
{
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<string, Entry> _byKey = new(StringComparer.Ordinal);

    private YamlMap(YamlMappingNode node) => Node = node;

    public readonly record struct Entry(string Name, YamlScalarNode Key, YamlNode Value);

    public YamlMappingNode Node { get; }

    /// <summary>Entries with a plain key, in file order.</summary>
    public IReadOnlyList<Entry> Entries => _entries;

    /// <summary>How many keys were reported as unknown.</summary>
    public int UnknownKeys { get; private set; }

    /// <summary>
    /// Reads <paramref name="node"/> as a mapping. <paramref name="what"/> names it for "must be a mapping"
    /// (e.g. "scenario 'browse'"), <paramref name="where"/> for unknown keys (e.g. "in scenario 'browse'").
    /// With <paramref name="allowedKeys"/> null every key is accepted (name-to-value maps such as regions).
    /// </summary>
    public static YamlMap? Read(YamlNode node, string what, string where, IReadOnlyCollection<string>? allowedKeys, ParseContext ctx)
    {
        if (node is not YamlMappingNode mapping)
        {
            ctx.Error(node, $"{what} must be a mapping, got {YamlValues.Describe(node)}");
            return null;
        }
        var map = new YamlMap(mapping);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode key || YamlValues.IsNull(keyNode))
            {
                ctx.Error(keyNode, $"keys {where} must be plain names, got {YamlValues.Describe(keyNode)}");
                continue;
            }
            var name = key.Value ?? string.Empty;
            if (allowedKeys is not null && !allowedKeys.Contains(name))
            {
                map.UnknownKeys++;
                var hint = DidYouMean.Suggest(name, allowedKeys) is { } suggestion
                    ? $"did you mean '{suggestion}'?"
                    : $"allowed keys: {string.Join(", ", allowedKeys)}";
                ctx.Error(key, $"unknown key '{name}' {where} ({hint})");
                continue;
            }
            var entry = new Entry(name, key, value);
            map._entries.Add(entry);
            map._byKey[name] = entry;
        }
        return map;
    }

    public bool Has(string key) => _byKey.ContainsKey(key);

    public YamlNode? Value(string key) => _byKey.TryGetValue(key, out var entry) ? entry.Value : null;

    public YamlScalarNode? Key(string key) => _byKey.TryGetValue(key, out var entry) ? entry.Key : null;
}
