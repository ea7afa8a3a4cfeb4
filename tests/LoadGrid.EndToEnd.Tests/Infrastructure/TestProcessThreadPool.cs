using System.Runtime.CompilerServices;

namespace LoadGrid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Gives the test process enough pool threads for the target servers it hosts.
/// </summary>
/// <remarks>
/// On Linux every redirected stdout/stderr pipe of a started <c>loadgrid</c> process is read by a pool thread that
/// blocks in read(2), so one child process takes two threads and a four-node cluster eight. The pool starts with one
/// thread per core (two here) and adds more only about twice a second once it sees starvation; meanwhile the Kestrel
/// targets in this process could not accept connections or write responses. Under CPU contention that added up to
/// 800 ms to requests the server itself timed as fast (CI run of the stall test: p99 1803 ms vs the server's
/// 1001 ms), and the tests compare exactly those two clocks.
/// </remarks>
internal static class TestProcessThreadPool
{
    private const int MinimumThreads = 64;

    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var worker, out var completion);
        ThreadPool.SetMinThreads(Math.Max(worker, MinimumThreads), Math.Max(completion, MinimumThreads));
    }
}
