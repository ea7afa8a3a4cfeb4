// Memory per virtual user, in-process, through the worker's real code path (ClosedShardLoad → ShardLoadContext →
// VirtualUserActor → FlowRunner → the node's transport), minus Cluster.Sharding: a host actor stands in for the
// ScenarioShardActor. N VUs each send one GET to a target on 127.0.0.1 and then sit in a long think time; once all
// N first requests are recorded, it takes a full GC and reads the managed heap (GC.GetTotalMemory(true)) and RSS
// (/proc/self/status VmRSS), baseline (same process, everything started and warmed, no VU yet) subtracted, ÷ N.
// Then it cancels the hard-stop token and times how long the N thinking VUs take to end (Ctrl+C / stop).
// Modes: vu (the real VU), bare (an UntypedActor that does nothing, shared Props, the VU's mailbox: the floor),
// bare-default-mailbox (the same on Akka's default mailbox), receive (a ReceiveActor with four handlers, default
// mailbox, to price ReceiveActor's per-instance handler tables).
// Usage: VuMemory --mode vu|bare|receive --vus N [--target URL] [--path /ok] [--think 60s] [--transport sockets|lean]
//        [--connections K (in-flight requests, so sockets; 0 = unbounded)] [--pause-for-dump SECONDS]   (prints PID and waits, so dotnet-gcdump can take a heap breakdown)
using System.Diagnostics;
using Akka.Actor;
using LoadGrid.Cluster.Worker;
using LoadGrid.Core.Load;
using LoadGrid.Core.Metrics;
using LoadGrid.Core.Scenarios;
using LoadGrid.Http;
using LoadGrid.Http.Lean;

var options = Options.Parse(args);
var system = ActorSystem.Create("vumem", "akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING\n" + VuMailbox.Hocon);
// The node's own start-up step (see LoadGridNode.WarmUpSchedulerAsync): one scheduled message before any burst.
var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
system.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(1), () => fired.TrySetResult());
await fired.Task.WaitAsync(TimeSpan.FromSeconds(30));
var hardStop = new CancellationTokenSource();
IHttpTransport transport = TransportSelection.Create(options.Transport);
// Both transports open a connection whenever none is idle, so a burst of first requests opens thousands: the gate
// bounds the requests in flight (a shared pool of --connections sockets). 0: no gate (each VU may get its own).
if (options.Connections > 0) transport = new GatedTransport(transport, options.Connections);
var sink = new CountingSink();
var env = new Dictionary<string, string>();

var file = ScenarioLoader.Parse($"""
    name: vu-memory
    baseUrl: {options.Target}
    scenarios:
      s:
        executor: constant-vus
        vus: {options.Vus}
        duration: 1h
        flow:
          - get: {options.Path}
            check: {"{"} status: 200 {"}"}
          - think: {options.Think}
    """, "vu-memory.yaml", env, checkFiles: false);
if (file.Scenario is null) throw new InvalidOperationException(string.Join("; ", file.Errors));
var scenario = file.Scenario.Scenarios[0];
var runner = new FlowRunner(file.Scenario, scenario, "local", transport, sink, env, new Dictionary<string, LoadGrid.Core.Data.Feeder>());

if (options.Mode == "vu")
{
    // Warm the transport, the flow runner and the actor paths before the baseline, so JIT and pools are not billed to VUs.
    await TransportWarmUp.RunAsync(transport, requests: 64, concurrency: 4);
    var warm = runner.CreateVirtualUser(0);
    using (var quick = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        await runner.RunIterationAsync(warm, 0, quick.Token);
    sink.Reset();
}

var host = system.ActorOf(Props.Create(() => new HostActor(options.Mode, scenario, runner, env, hardStop.Token)), "host");
await host.Ask<Done>(new Warm(), TimeSpan.FromMinutes(1));
sink.Reset();
var baseline = Probe.Take();

var spawnWatch = Stopwatch.StartNew();
var spawned = await host.Ask<Done>(new Spawn(options.Vus), TimeSpan.FromMinutes(10));
var spawnSeconds = spawnWatch.Elapsed.TotalSeconds;
if (options.Mode == "vu")
{
    // Every VU has sent its first request and is in its think time when the sink has N requests.
    var until = Stopwatch.StartNew();
    while (sink.Requests < options.Vus && until.Elapsed < TimeSpan.FromMinutes(5)) await Task.Delay(50);
}
var startedSeconds = spawnWatch.Elapsed.TotalSeconds;
await Task.Delay(1000);
var loaded = Probe.Take();
var fds = Directory.GetFiles("/proc/self/fd").Length;
var heapPerVu = (loaded.Heap - baseline.Heap) / (double)options.Vus;
var committedPerVu = (loaded.Committed - baseline.Committed) / (double)options.Vus;
// What RSS falls to once the GC hands its free regions back (a long-running node's GC does this over time).
GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
var trimmedRssPerVu = (Probe.ReadRss() - baseline.Rss) / (double)options.Vus;
var rssPerVu = (loaded.Rss - baseline.Rss) / (double)options.Vus;
Console.WriteLine($"mode={options.Mode} transport={options.Transport} connections={options.Connections} vus={options.Vus} target={options.Target}{options.Path} think={options.Think}");
Console.WriteLine($"spawned {spawned.Count} in {spawnSeconds:0.00}s; first requests recorded {sink.Requests} (failed {sink.Failed}) after {startedSeconds:0.00}s");
Console.WriteLine($"baseline heap {baseline.Heap / 1048576.0:0.0} MiB rss {baseline.Rss / 1048576.0:0.0} MiB; loaded heap {loaded.Heap / 1048576.0:0.0} MiB rss {loaded.Rss / 1048576.0:0.0} MiB; open files {fds}");
Console.WriteLine($"RESULT heap_per_vu={heapPerVu:0} committed_per_vu={committedPerVu:0} rss_per_vu={rssPerVu:0} rss_after_aggressive_gc_per_vu={trimmedRssPerVu:0} spawn_s={spawnSeconds:0.00} started_s={startedSeconds:0.00} open_files={fds}");

if (options.PauseForDump > 0)
{
    Console.WriteLine($"PID {Environment.ProcessId}: waiting {options.PauseForDump}s for dotnet-gcdump");
    await Task.Delay(TimeSpan.FromSeconds(options.PauseForDump));
}

// Ctrl+C / a hard stop: every thinking VU must end now, not when its think time would have.
var stopWatch = Stopwatch.StartNew();
hardStop.Cancel();
var stopped = await host.Ask<Done>(new AwaitStopped(), TimeSpan.FromMinutes(5));
Console.WriteLine($"RESULT hard_stop_s={stopWatch.Elapsed.TotalSeconds:0.00} (all {stopped.Count} VUs ended)");
await system.Terminate();

internal sealed record Options(string Mode, int Vus, string Target, string Path, string Think, string Transport, int PauseForDump, int Connections)
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        return new Options(Get("--mode", "vu"), int.Parse(Get("--vus", "10000")), Get("--target", "http://127.0.0.1:8080"),
            Get("--path", "/ok"), Get("--think", "60s"), Get("--transport", "lean"), int.Parse(Get("--pause-for-dump", "0")),
            int.Parse(Get("--connections", "64")));
    }
}

/// <summary>Heap: live objects after a full compacting GC. Committed: what the GC keeps from the OS. Rss: the process.</summary>
internal readonly record struct Probe(long Heap, long Committed, long Rss)
{
    public static Probe Take()
    {
        for (var i = 0; i < 3; i++) GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        return new Probe(heap, GC.GetGCMemoryInfo().TotalCommittedBytes, ReadRss());
    }

    public static long ReadRss()
    {
        var rss = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}

internal sealed record Warm;
internal sealed record Spawn(int Count);
internal sealed record AwaitStopped;
internal sealed record Done(int Count);

/// <summary>Stands in for ScenarioShardActor: owns the VUs through the same ClosedShardLoad.</summary>
internal sealed class HostActor : UntypedActor
{
    // The VU's mailbox for the bare actor too, so "bare" is the floor a VU can reach.
    private static readonly Props BareProps = Props.Create<BareActor>().WithMailbox(VuMailbox.ConfigPath);
    private static readonly Props BareDefaultMailboxProps = Props.Create<BareActor>();
    private static readonly Props ReceiveProps = Props.Create<FourHandlerReceiveActor>();
    private readonly string _mode;
    private readonly ShardLoadContext _context;
    private readonly ClosedShardLoad _load;
    private readonly List<IActorRef> _children = [];
    private int _live;
    private IActorRef? _awaitingStop;

    public HostActor(string mode, ScenarioDefinition scenario, FlowRunner runner, IReadOnlyDictionary<string, string> env, CancellationToken hardStop)
    {
        _mode = mode;
        _context = new ShardLoadContext(scenario, new Segment(Fraction.Zero, Fraction.One), "local", runner, env, hardStop);
        _load = new ClosedShardLoad(_context);
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Warm:
                // Spawn and stop a few of the kind measured, so the first of the N do not pay for JIT.
                for (var i = 0; i < 200; i++) Context.Stop(Context.ActorOf(_mode == "receive" ? ReceiveProps : BareProps));
                Sender.Tell(new Done(0));
                break;
            case Spawn spawn when _mode == "vu":
                _load.Tick(Context, TimeSpan.Zero);
                _live = _load.LiveVus;
                Sender.Tell(new Done(_load.LiveVus));
                break;
            case Spawn spawn:
                var props = _mode switch { "receive" => ReceiveProps, "bare-default-mailbox" => BareDefaultMailboxProps, _ => BareProps };
                for (var i = 0; i < spawn.Count; i++) _children.Add(Context.Watch(Context.ActorOf(props, "vu-" + i)));
                _live = spawn.Count;
                Sender.Tell(new Done(spawn.Count));
                break;
            case AwaitStopped:
                _awaitingStop = Sender;
                if (_mode != "vu") foreach (var child in _children) child.Tell(PoisonPill.Instance);
                _children.Clear();
                if (_live == 0) Sender.Tell(new Done(0));
                break;
            case Terminated terminated:
                _load.OnVuStopped(terminated.ActorRef);
                if (--_live == 0) _awaitingStop?.Tell(new Done(_load.AllocatedVus));
                break;
        }
    }
}

internal sealed class BareActor : UntypedActor
{
    protected override void OnReceive(object message)
    {
    }
}

internal sealed class FourHandlerReceiveActor : ReceiveActor
{
    public FourHandlerReceiveActor()
    {
        Receive<string>(_ => { });
        Receive<int>(_ => { });
        Receive<long>(_ => { });
        Receive<Done>(_ => { });
    }
}

/// <summary>Counts first requests; the rest of the sink's work is not what is measured.</summary>
internal sealed class CountingSink : IMetricsSink
{
    private long _requests;
    private long _failed;

    public long Requests => Interlocked.Read(ref _requests);
    public long Failed => Interlocked.Read(ref _failed);

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _failed, 0);
    }

    public void RecordRequest(int stepIndex, long latencyMicros, int status, TransportError error, bool failed, long bytesSent, long bytesReceived)
    {
        Interlocked.Increment(ref _requests);
        if (failed) Interlocked.Increment(ref _failed);
    }

    public void RecordCheck(int stepIndex, bool passed)
    {
    }

    public void RecordIteration(long durationMicros)
    {
    }
}

/// <summary>At most K requests in flight through the inner transport (so at most K sockets).</summary>
internal sealed class GatedTransport(IHttpTransport inner, int inFlight) : IHttpTransport
{
    private readonly SemaphoreSlim _gate = new(inFlight, inFlight);

    public async ValueTask<TransportResponse> SendAsync(TransportRequest request, CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            return await inner.SendAsync(request, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
