using System.Text.Json;

namespace LoadGrid.EndToEnd.Tests.Infrastructure;

/// <summary>Reads a summary JSON written by <c>--summary-json</c>, by contract path.</summary>
public sealed class Summary(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public static Summary Load(string path) => new(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());

    public JsonElement this[string dottedPath]
    {
        get
        {
            var element = Root;
            foreach (var part in dottedPath.Split('.'))
                element = element.TryGetProperty(part, out var next)
                    ? next
                    : throw new KeyNotFoundException($"summary has no '{dottedPath}' (stopped at '{part}'): {Root}");
            return element;
        }
    }

    public long Long(string path) => this[path].GetInt64();

    public double Double(string path) => this[path].GetDouble();

    public string String(string path) => this[path].GetString()!;
}
