using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using LoadGrid.Cluster.Coordinator;
using LoadGrid.Cluster.Protocol;

namespace LoadGrid.Cluster.History;

/// <summary>Reads past and present runs from the journal (SQLite or PostgreSQL) through Akka.Persistence.Query.</summary>
public sealed class RunHistory(ActorSystem system)
{
    /// <summary>A query that has not finished by then has failed inside the journal (its log says why).</summary>
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Tries at creating the read journal (see <see cref="JournalAsync"/>): 6 × 5 s covers a slow first start.</summary>
    private const int JournalAttempts = 6;

    private readonly IMaterializer _materializer = system.Materializer();
    private readonly SemaphoreSlim _journalGate = new(1, 1);
    private SqlReadJournal? _journal;

    /// <param name="active">The run manager's runs in progress (listed even before the journal shows them).</param>
    public async Task<IReadOnlyList<RunRecord>> ListAsync(IReadOnlyCollection<ActiveRunEntry> active, CancellationToken cancellation)
    {
        var journal = await JournalAsync(cancellation);
        var envelopes = await journal.CurrentEventsByTag(RunCoordinatorActor.RunListTag, Offset.NoOffset())
            .RunWith(Sink.Seq<EventEnvelope>(), _materializer)
            .WaitAsync(QueryTimeout, cancellation);
        return RunHistoryFold.List(envelopes.Select(e => e.Event).OfType<IRunEvent>(), active);
    }

    public async Task<RunDetails?> GetAsync(string runId, bool active, CancellationToken cancellation) =>
        RunHistoryFold.Details(await EventsAsync(runId, cancellation), active);

    /// <summary>Every event of one run, in order.</summary>
    public async Task<IReadOnlyList<IRunEvent>> EventsAsync(string runId, CancellationToken cancellation)
    {
        var journal = await JournalAsync(cancellation);
        var envelopes = await journal.CurrentEventsByPersistenceId(RunCoordinatorActor.PersistenceIdOf(runId), 0, long.MaxValue)
            .RunWith(Sink.Seq<EventEnvelope>(), _materializer)
            .WaitAsync(QueryTimeout, cancellation);
        return envelopes.Select(e => e.Event).OfType<IRunEvent>().ToArray();
    }

    /// <summary>
    /// The read journal, created on first use. Its constructor blocks until the write journal has initialized
    /// (created its tables) and throws after 5 s; on a loaded machine a fresh database's first start takes longer
    /// (seen on CI), so it runs off the caller's thread and is tried again.
    /// </summary>
    private async Task<SqlReadJournal> JournalAsync(CancellationToken cancellation)
    {
        if (_journal is { } ready) return ready;
        await _journalGate.WaitAsync(cancellation);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return _journal ??= await Task.Run(() => PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier), cancellation);
                }
                catch (Exception e) when (attempt < JournalAttempts && e.GetBaseException() is Akka.Actor.AskTimeoutException)
                {
                    // the write journal is still initializing: ask again
                }
            }
        }
        finally
        {
            _journalGate.Release();
        }
    }
}
