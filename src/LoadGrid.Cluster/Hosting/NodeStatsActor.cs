using System.Diagnostics;
using Akka.Actor;
using LoadGrid.Cluster.Protocol;
using LoadGrid.Cluster.Worker;

namespace LoadGrid.Cluster.Hosting;

/// <summary>Every node's answer to <c>node list</c>: its process CPU and memory, and its shards' VUs and requests.</summary>
public sealed class NodeStatsActor : ReceiveActor
{
    public const string Name = "node-stats";

    private TimeSpan _lastCpu;
    private long _lastAt;

    public NodeStatsActor(string address, NodeLoad load)
    {
        using (var process = Process.GetCurrentProcess())
        {
            _lastCpu = TimeSpan.Zero;
            _lastAt = Stopwatch.GetTimestamp() - (long)((DateTime.Now - process.StartTime).TotalSeconds * Stopwatch.Frequency);
        }
        Receive<NodeStatsRequest>(_ =>
        {
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var now = Stopwatch.GetTimestamp();
            var wall = Stopwatch.GetElapsedTime(_lastAt, now).TotalSeconds;
            var percent = wall > 0 ? (cpu - _lastCpu).TotalSeconds / wall * 100 : 0;
            _lastCpu = cpu;
            _lastAt = now;
            var (shards, vus, rps) = load.Totals();
            Sender.Tell(new NodeStatsReply(address, Math.Round(percent, 1), process.WorkingSet64, shards, vus, rps, Environment.ProcessorCount));
        });
    }

    public static Props CreateProps(string address, NodeLoad load) => Props.Create(() => new NodeStatsActor(address, load));
}
