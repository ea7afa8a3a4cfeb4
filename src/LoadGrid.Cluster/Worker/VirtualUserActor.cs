using Akka.Actor;
using LoadGrid.Http;

namespace LoadGrid.Cluster.Worker;

/// <summary>
/// One virtual user. It holds only its own small state and never blocks. Closed model: one async loop of
/// iterations, started by <see cref="VuMessages.Begin"/>, that ends when retired or out of iterations and reports to
/// the actor once, at its end (a message per iteration cost about a third of the CPU per request once socket
/// completions ran inline: docs/benchmarks.md). Open model: runs one iteration per <see cref="VuMessages.RunOne"/>
/// and reports itself idle to the shard's pool straight from the iteration's end.
/// </summary>
/// <remarks>
/// There may be a million of these on a node, so it is kept cheap: an <see cref="UntypedActor"/> with a switch (a
/// ReceiveActor builds its handler table per instance, ~500 B), one <see cref="Props"/> shared by all VUs of a shard
/// (its own state arrives in <see cref="VuMessages.Assign"/>), and no timer of its own: think times sleep on the
/// process's <see cref="ThinkWheel"/>.
/// </remarks>
public sealed class VirtualUserActor(FlowRunner runner, CancellationToken hardStop) : UntypedActor
{
    private VirtualUserState? _state;
    private IterationBudget _budget = IterationBudget.Unlimited;
    // Set by the actor, read by the closed loop on whichever thread its continuation runs.
    private volatile bool _retiring;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case VuMessages.Finished:
                // Both loops report here only when the VU is done: the closed loop at its end, an open-model
                // iteration when it did not complete or the VU was asked to stop (else it went back to the pool).
                Context.Stop(Self);
                break;
            case VuMessages.Assign assign:
                _state = assign.State;
                _budget = assign.Budget;
                break;
            case VuMessages.Begin:
                _ = RunClosedLoopAsync(Self);
                break;
            case VuMessages.RunOne run:
                _ = RunOneAsync(Self, Context.Parent, run.ScheduledTimestamp);
                break;
            case VuMessages.Retire:
                _retiring = true;
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>
    /// Runs iterations until retired, out of budget, stopped or an iteration did not complete, then tells the actor it
    /// is finished. It tells <paramref name="self"/> itself rather than through PipeTo,
    /// which would keep a second suspended call per VU for the VU's whole life.
    /// </summary>
    private async Task RunClosedLoopAsync(IActorRef self)
    {
        var state = _state!;
        try
        {
            while (!_retiring && _budget.TryTake())
            {
                var iteration = runner.RunIterationAsync(state, scheduledStartTimestamp: 0, hardStop);
                // An iteration that never waited (a flow whose requests all fail at once, e.g. refused) must not make
                // this loop spin on one thread: give the thread back before the next one.
                if (iteration.IsCompleted) await Task.Yield();
                var outcome = await iteration.ConfigureAwait(false);
                state.Iteration++;
                if (outcome != IterationOutcome.Completed || hardStop.IsCancellationRequested) break;
            }
        }
        catch (Exception)
        {
            // FlowRunner returns its failures; this only guards the loop, as PipeTo's failure branch did.
        }
        self.Tell(VuMessages.Finished.Instance);
    }

    /// <summary>
    /// One open-model iteration. When it completed and nothing asked the VU to stop, the VU goes back to the shard's
    /// idle pool from here, on whichever thread the iteration ended: a message to itself first (PipeTo, then Idle
    /// from the actor) cost a mailbox round trip per iteration. Anything else goes through the actor, which stops.
    /// A Retire that arrives after the check takes effect at the shard, which stops idle VUs once it stops starting.
    /// </summary>
    private async Task RunOneAsync(IActorRef self, IActorRef shard, long scheduledTimestamp)
    {
        var state = _state!;
        var outcome = IterationOutcome.Cancelled;
        try
        {
            outcome = await runner.RunIterationAsync(state, scheduledTimestamp, hardStop).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // FlowRunner returns its failures; this only guards the iteration, as PipeTo's failure branch did.
        }
        if (outcome == IterationOutcome.Completed && !_retiring && !hardStop.IsCancellationRequested)
        {
            state.Iteration++;
            shard.Tell(new VuMessages.Idle(self));
        }
        else
        {
            self.Tell(VuMessages.Finished.Instance);
        }
    }
}
