using Akka.Actor;
using LoadGrid.Http;

namespace LoadGrid.Cluster.Worker;

/// <summary>
/// One virtual user. It runs whole iterations as one async call each (one message per iteration, none per request)
/// and holds only its own small state. Closed model: loops until retired or out of iterations. Open model: runs
/// one iteration per <see cref="VuMessages.RunOne"/> and reports itself idle to the shard's pool.
/// </summary>
public sealed class VirtualUserActor : ReceiveActor
{
    private readonly FlowRunner _runner;
    private readonly VirtualUserState _state;
    private readonly CancellationToken _hardStop;
    private readonly IterationBudget _budget;
    private bool _retiring;
    private bool _openModel;

    public VirtualUserActor(FlowRunner runner, VirtualUserState state, IterationBudget budget, CancellationToken hardStop)
    {
        _runner = runner;
        _state = state;
        _budget = budget;
        _hardStop = hardStop;

        Receive<VuMessages.Begin>(_ => NextClosedIteration());
        Receive<VuMessages.RunOne>(run =>
        {
            _openModel = true;
            Run(run.ScheduledTimestamp);
        });
        Receive<VuMessages.Retire>(_ => _retiring = true);
        Receive<VuMessages.IterationDone>(OnIterationDone);
    }

    private void OnIterationDone(VuMessages.IterationDone done)
    {
        _state.Iteration++;
        if (done.Outcome != IterationOutcome.Completed || _retiring || _hardStop.IsCancellationRequested)
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
        _runner.RunIterationAsync(_state, scheduledTimestamp, _hardStop)
            .PipeTo(Self, success: outcome => new VuMessages.IterationDone(outcome),
                failure: _ => new VuMessages.IterationDone(IterationOutcome.Cancelled));
}
