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

    private readonly SqlReadJournal _journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
    private readonly IMaterializer _materializer = system.Materializer();

    public async Task<IReadOnlyList<RunRecord>> ListAsync(IReadOnlySet<string> activeRunIds, CancellationToken cancellation)
    {
        var envelopes = await _journal.CurrentEventsByTag(RunCoordinatorActor.RunListTag, Offset.NoOffset())
            .RunWith(Sink.Seq<EventEnvelope>(), _materializer)
            .WaitAsync(QueryTimeout, cancellation);
        return RunHistoryFold.List(envelopes.Select(e => e.Event).OfType<IRunEvent>(), activeRunIds);
    }

    public async Task<RunDetails?> GetAsync(string runId, bool active, CancellationToken cancellation)
    {
        var envelopes = await _journal.CurrentEventsByPersistenceId(RunCoordinatorActor.PersistenceIdOf(runId), 0, long.MaxValue)
            .RunWith(Sink.Seq<EventEnvelope>(), _materializer)
            .WaitAsync(QueryTimeout, cancellation);
        return RunHistoryFold.Details(envelopes.Select(e => e.Event).OfType<IRunEvent>(), active);
    }
}
