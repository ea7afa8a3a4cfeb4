using Akka.Actor;
using LoadGrid.Http;

namespace LoadGrid.Cluster.Worker;

/// <summary>
/// One virtual user. It runs whole iterations as one async call each (one message per iteration, none per request)
/// and holds only its own small state. Closed model: loops until retired or out of iterations. Open model: runs
/// one iteration per <see cref="VuMessages.RunOne"/> and reports itself idle to the shard's pool.
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
    private bool _retiring;
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
                NextClosedIteration();
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

    private void OnIterationDone(VuMessages.IterationDone done)
    {
        _state!.Iteration++;
        if (done.Outcome != IterationOutcome.Completed || _retiring || hardStop.IsCancellationRequested)
        {
            Context.Stop(Self);
            return;
        }
        if (_openModel) Context.Parent.Tell(new VuMessages.Idle(Self));
        else NextClosedIteration();
    }

    private void NextClosedIteration()
    {
        if (_retiring || !_budget.TryTake())
        {
            Context.Stop(Self);
            return;
        }
        Run(scheduledTimestamp: 0);
    }

    private void Run(long scheduledTimestamp) =>
        runner.RunIterationAsync(_state!, scheduledTimestamp, hardStop)
            .PipeTo(Self, success: VuMessages.IterationDone.Of, failure: static _ => VuMessages.IterationDone.Of(IterationOutcome.Cancelled));
}
