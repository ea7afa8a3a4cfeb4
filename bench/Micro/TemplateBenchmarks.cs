using BenchmarkDotNet.Attributes;
using LoadGrid.Core.Templates;
using LoadGrid.Http;

namespace LoadGrid.Bench.Micro;

/// <summary>Rendering a step's URL or header per request, with a VU's own state as the variable source.</summary>
[MemoryDiagnoser]
public class TemplateBenchmarks
{
    private readonly Template _constant = Template.Parse("/ok");
    private readonly Template _vuOnly = Template.Parse("${vu}");
    private readonly Template _vuQuery = Template.Parse("/ok?vu=${vu}");
    private readonly Template _variables = Template.Parse("/users/${user}/cart?t=${token}&env=${env.STAGE}");
    private VirtualUserState _vu = null!;

    [GlobalSetup]
    public void Setup()
    {
        _vu = new VirtualUserState(17, "browse", "local", new Dictionary<string, string> { ["STAGE"] = "perf" });
        _vu.SetVariable("user", "ann");
        _vu.SetVariable("token", "0f8fad5b-d9cb-469f-a165-70867728950e");
    }

    /// <summary>No placeholder: the literal comes back as is.</summary>
    [Benchmark]
    public string Constant() => _constant.Render(_vu);

    /// <summary>One placeholder and nothing else: the value itself, no concatenation.</summary>
    [Benchmark]
    public string VuOnly() => _vuOnly.Render(_vu);

    /// <summary><c>/ok?vu=${vu}</c>, as bench/run.sh's LoadGrid row sends it.</summary>
    [Benchmark]
    public string VuInQuery() => _vuQuery.Render(_vu);

    /// <summary>Two VU variables and an <c>--env</c> value.</summary>
    [Benchmark]
    public string ThreeVariables() => _variables.Render(_vu);

    /// <summary>The variable look-up alone, through the VU's resolution order down to a built-in.</summary>
    [Benchmark]
    public bool TryGet_builtinVu() => _vu.TryGet("vu", out _);
}
