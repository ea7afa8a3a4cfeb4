using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using LoadGrid.Core.Templates;

namespace LoadGrid.Http;

/// <summary>
/// One virtual user's own state, kept small because there may be a million of them: its id and iteration count,
/// variables set by extractions, cookies, and the feeder rows of its current iteration. Everything optional is
/// allocated on first use. Used by one iteration at a time.
/// </summary>
/// <remarks>
/// As a template's variable source it resolves, in order: VU variables (<c>${token}</c>), the current feeder row
/// (<c>${users.name}</c>), <c>--env</c> values (<c>${env.KEY}</c>), and the built-ins <c>vu</c>, <c>iteration</c>,
/// <c>scenario</c>, <c>region</c>, <c>uuid</c> (a new one per read) and <c>timestamp</c> (Unix milliseconds).
/// </remarks>
public sealed class VirtualUserState : IVariableSource
{
    private const string EnvPrefix = "env.";

    // Every VU of a shard gets the same env dictionary: prefix its keys once per dictionary, not once per VU.
    private static readonly ConditionalWeakTable<IReadOnlyDictionary<string, string>, FrozenDictionary<string, string>> PrefixedEnvs = new();

    private readonly FrozenDictionary<string, string> _env;
    private readonly string _vuText;
    private Dictionary<string, string>? _variables;
    private FeederBinding? _feeders;
    private string[][]? _rows;

    public VirtualUserState(int vuId, string scenario, string region, IReadOnlyDictionary<string, string> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        VuId = vuId;
        Scenario = scenario;
        Region = region;
        _vuText = vuId.ToString(CultureInfo.InvariantCulture);
        _env = env.Count == 0
            ? FrozenDictionary<string, string>.Empty
            : PrefixedEnvs.GetValue(env, static e => e.ToFrozenDictionary(p => EnvPrefix + p.Key, p => p.Value, StringComparer.Ordinal));
    }

    /// <summary>The VU's number, unique within its scenario across the cluster (1-based).</summary>
    public int VuId { get; }

    /// <summary>How many iterations this VU has run before the current one; its executor advances it.</summary>
    public long Iteration { get; set; }

    public string Scenario { get; }

    public string Region { get; }

    /// <summary>The VU's cookie jar; null until a response set a cookie.</summary>
    public CookieContainer? Cookies { get; private set; }

    public void SetVariable(string name, string value) => (_variables ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = value;

    public bool TryGet(string name, out string value)
    {
        if (_variables is not null && _variables.TryGetValue(name, out value!)) return true;
        if (_feeders is not null && _rows is not null && _feeders.Columns.TryGetValue(name, out var column))
        {
            value = _rows[column.Feeder][column.Index];
            return true;
        }
        if (_env.TryGetValue(name, out value!)) return true;
        value = name switch
        {
            "vu" => _vuText,
            "iteration" => Iteration.ToString(CultureInfo.InvariantCulture),
            "scenario" => Scenario,
            "region" => Region,
            "uuid" => Guid.NewGuid().ToString(),
            "timestamp" => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            _ => null!,
        };
        return value is not null;
    }

    /// <summary>Takes the next row of every bound feeder for a new iteration; false when one has run out.</summary>
    internal bool TryTakeRows(FeederBinding binding)
    {
        _feeders = binding;
        if (binding.Feeders.Length == 0) return true;
        if (_rows is null || _rows.Length != binding.Feeders.Length) _rows = new string[binding.Feeders.Length][];
        for (var i = 0; i < binding.Feeders.Length; i++)
        {
            if (binding.Feeders[i].TryNext(out _rows[i])) continue;
            _feeders = null;
            return false;
        }
        return true;
    }

    internal string? CookieHeader(Uri uri)
    {
        if (Cookies is null) return null;
        var header = Cookies.GetCookieHeader(uri);
        return header.Length == 0 ? null : header;
    }

    internal void StoreCookies(Uri uri, string[] setCookies)
    {
        Cookies ??= new CookieContainer();
        foreach (var setCookie in setCookies)
        {
            try
            {
                Cookies.SetCookies(uri, setCookie);
            }
            catch (CookieException)
            {
                // A malformed or foreign-domain cookie is dropped, as a browser would.
            }
        }
    }
}
