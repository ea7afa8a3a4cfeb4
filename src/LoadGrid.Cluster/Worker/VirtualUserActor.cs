using Akka.Actor;
using LoadGrid.Http;

namespace LoadGrid.Cluster.Worker;

/// <summary>
/// One virtual user. It holds only its own small state and never blocks. Closed model: one async loop of
/// iterations, started by <see cref="VuMessages.Begin"/>, that ends when retired or out of iterations and reports to
/// the actor once, at its end (a message per iteration cost about a third of the CPU per request once socket
/// completions ran inline: docs/benchmarks.md). Open model: runs one iteration per <see cref="VuMessages.RunOne"/>
/// and reports itself idle to the shard's pool.
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
    private bool _openModel;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case VuMessages.IterationDone done:
                OnIterationDone(done);
                break;
            case VuMessages.Assign assign:
                _state = assign.State;
                _budget = assign.Budget;
                break;
            case VuMessages.Begin:
                _ = RunClosedLoopAsync(Self);
                break;
            case VuMessages.RunOne run:
                _openModel = true;
                Run(run.ScheduledTimestamp);
                break;
            case VuMessages.Retire:
                _retiring = true;
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>The closed loop's end (it reports only once), or one open-model iteration's.</summary>
    private void OnIterationDone(VuMessages.IterationDone done)
    {
        if (!_openModel || done.Outcome != IterationOutcome.Completed || _retiring || hardStop.IsCancellationRequested)
        {
            Context.Stop(Self);
            return;
        }
        _state!.Iteration++;
        Context.Parent.Tell(new VuMessages.Idle(Self));
    }

    /// <summary>
    /// Runs iterations until retired, out of budget or stopped, then tells the actor how the last one ended (Completed
    /// when the loop ended between iterations). It tells <paramref name="self"/> itself rather than through PipeTo,
    /// which would keep a second suspended call per VU for the VU's whole life.
    /// </summary>
    private async Task RunClosedLoopAsync(IActorRef self)
    {
        var state = _state!;
        var outcome = IterationOutcome.Completed;
        try
        {
            while (!_retiring && _budget.TryTake())
            {
                var iteration = runner.RunIterationAsync(state, scheduledStartTimestamp: 0, hardStop);
                // An iteration that never waited (a flow whose requests all fail at once, e.g. refused) must not make
                // this loop spin on one thread: give the thread back before the next one.
                if (iteration.IsCompleted) await Task.Yield();
                outcome = await iteration.ConfigureAwait(false);
                state.Iteration++;
                if (outcome != IterationOutcome.Completed || hardStop.IsCancellationRequested) break;
            }
        }
        catch (Exception)
        {
            // FlowRunner returns its failures; this only guards the loop, as PipeTo's failure branch did.
            outcome = IterationOutcome.Cancelled;
        }
        self.Tell(VuMessages.IterationDone.Of(outcome));
    }

    private void Run(long scheduledTimestamp) =>
        runner.RunIterationAsync(_state!, scheduledTimestamp, hardStop)
            .PipeTo(Self, success: VuMessages.IterationDone.Of, failure: static _ => VuMessages.IterationDone.Of(IterationOutcome.Cancelled));
}
