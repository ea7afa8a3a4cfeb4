using System.Globalization;
using System.Net;
using LoadGrid.Core.Templates;

namespace LoadGrid.Http;

/// <summary>
/// One VU's own state, kept small because a node may hold a million of them: variables and the cookie jar are
/// created only when first needed. Also the VU's view for templates: plain names are its variables,
/// <c>feeder.column</c> its current feeder rows, <c>env.KEY</c> the run's environment, and the built-ins.
/// </summary>
public sealed class VirtualUserState(int vuId, string scenario, string region, IReadOnlyDictionary<string, string> env) : IVariableSource
{
    private Dictionary<string, string>? _variables;
    private string[]?[]? _feederRows;
    private FeederLayout? _feeders;

    public int VuId { get; } = vuId;

    /// <summary>The VU's iteration number, from 0; the owner advances it after each iteration.</summary>
    public long Iteration { get; set; }

    public CookieContainer? Cookies { get; private set; }

    public CookieContainer EnsureCookies() => Cookies ??= new CookieContainer();

    public void SetVariable(string name, string value) => (_variables ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = value;

    internal void SetFeederRow(FeederLayout layout, int feeder, string[] row)
    {
        _feeders = layout;
        (_feederRows ??= new string[]?[layout.Count])[feeder] = row;
    }

    public bool TryGet(string name, out string value)
    {
        if (_variables is not null && _variables.TryGetValue(name, out value!)) return true;
        if (_feeders is not null && _feederRows is not null && _feeders.TryFind(name, out var feeder, out var column)
            && _feederRows[feeder] is { } row && column < row.Length)
        {
            value = row[column];
            return true;
        }
        if (name.StartsWith("env.", StringComparison.Ordinal))
        {
            var key = name[4..];
            if (env.TryGetValue(key, out value!)) return true;
            value = Environment.GetEnvironmentVariable(key) ?? string.Empty;
            return value.Length > 0;
        }
        value = name switch
        {
            "vu" => VuId.ToString(CultureInfo.InvariantCulture),
            "iteration" => Iteration.ToString(CultureInfo.InvariantCulture),
            "scenario" => scenario,
            "region" => region,
            "uuid" => Guid.NewGuid().ToString(),
            "timestamp" => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            _ => string.Empty,
        };
        return name is "vu" or "iteration" or "scenario" or "region" or "uuid" or "timestamp";
    }
}

/// <summary>Where <c>feeder.column</c> lives: the feeder's index and the column's index. Shared by a scenario's VUs.</summary>
internal sealed class FeederLayout
{
    private readonly Dictionary<string, (int Feeder, int Column)> _fields = new(StringComparer.Ordinal);

    public FeederLayout(IReadOnlyList<(string Name, IReadOnlyList<string> Columns)> feeders)
    {
        Count = feeders.Count;
        for (var f = 0; f < feeders.Count; f++)
            for (var c = 0; c < feeders[f].Columns.Count; c++)
                _fields[$"{feeders[f].Name}.{feeders[f].Columns[c]}"] = (f, c);
    }

    public int Count { get; }

    public bool TryFind(string name, out int feeder, out int column)
    {
        var found = _fields.TryGetValue(name, out var at);
        (feeder, column) = at;
        return found;
    }
}
