namespace LoadGrid.Cli.Hosting;

/// <summary>
/// Makes the runtime run socket completions on its epoll threads instead of handing each one to the thread pool,
/// in the processes that generate load.
/// </summary>
/// <remarks>
/// A VU's request is a chain of short continuations (write the request, parse the response, record it, write the
/// next one). Handed to the thread pool, every completion costs a queue, a worker wake-up and a context switch: on
/// one core that was about 40 % of LoadGrid's CPU per request (docs/benchmarks.md). Run inline, the chain stays on
/// the thread that saw the socket ready.
/// <para>
/// The price: code that continues after awaiting a socket runs on an epoll thread, and if it blocks, every socket of
/// that thread waits — a synchronous wait for another socket's answer there never ends. So it is on only for
/// <c>run</c> (in process), <c>demo</c> and <c>node</c>, whose socket continuations are the transports', Kestrel's
/// (which hands requests to the thread pool) and Akka's (which hands messages to its dispatcher), none blocking. The
/// clients (<c>ctl</c>, <c>shell</c>, <c>run --cluster</c>…) block on the console and keep the default.
/// </para>
/// The runtime reads the variable once, when the first socket is used, so this runs first in Main; a value the user
/// set (0 to turn it off) is kept.
/// </remarks>
internal static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void RunInlineForLoadGeneration(string[] args)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not null || !GeneratesLoad(args)) return;
        Environment.SetEnvironmentVariable(Variable, "1");
    }

    /// <summary>Whether this process runs socket completions inline (the runtime reads the same variable).</summary>
    public static bool Inline => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Whether the command runs VUs in this process.</summary>
    internal static bool GeneratesLoad(string[] args) => args switch
    {
        ["demo", ..] or ["node", ..] => true,
        ["run", ..] => !args.Any(a => a == "--cluster" || a.StartsWith("--cluster=", StringComparison.Ordinal)),
        _ => false,
    };
}
