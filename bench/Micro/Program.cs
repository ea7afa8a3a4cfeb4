using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace LoadGrid.Bench.Micro;

/// <summary>
/// Micro-benchmarks of the generator's hot pieces (issue 9). bench/micro.sh runs them with a short job
/// (1 launch, 3 warm-up and 3 measured iterations) so the whole suite fits in a few minutes on 2 cores;
/// pass BenchmarkDotNet's own options after the filter for a longer job (e.g. <c>--job medium</c>).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
        if (!args.Contains("--job") && !args.Contains("-j"))
            config = config.AddJob(Job.ShortRun.WithId("short"));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
