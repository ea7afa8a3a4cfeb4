using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace LoadGrid.Cluster.Worker;

/// <summary>
/// The mailbox of a virtual user. Akka's default (a ConcurrentQueue) allocates a 32-slot segment per actor up front,
/// ~1.1 KB of the ~1.8 KB a bare actor costs; a VU holds at most a message or two at a time, so
/// <see cref="VuMessageQueue"/> keeps one inline and allocates only when more wait. Selected by
/// <c>Props.WithMailbox(ConfigPath)</c> where the node's HOCON defines it (<see cref="Hocon"/>).
/// </summary>
public sealed class VuMailbox : MailboxType, IProducesMessageQueue<VuMessageQueue>
{
    public const string ConfigPath = "loadgrid.vu-mailbox";

    public const string Hocon = $$"""{{ConfigPath}} { mailbox-type = "LoadGrid.Cluster.Worker.VuMailbox, LoadGrid.Cluster" }""";

    public VuMailbox(Settings settings, Config config)
        : base(settings, config)
    {
    }

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new VuMessageQueue();
}

/// <summary>
/// An unbounded FIFO for many producers and the actor as its one consumer: the oldest message inline, later ones in a
/// queue that exists only while they wait. A spin lock guards it because its critical sections are a few
/// instructions long, and a Monitor could inflate a sync block per contended VU.
/// </summary>
public sealed class VuMessageQueue : IMessageQueue, IUnboundedMessageQueueSemantics
{
    private Envelope _head;
    private Queue<Envelope>? _rest;
    private int _count;
    private int _lock;

    public bool HasMessages => Volatile.Read(ref _count) > 0;

    public int Count => Volatile.Read(ref _count);

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        Enter();
        if (_count == 0) _head = envelope;
        else (_rest ??= new Queue<Envelope>(2)).Enqueue(envelope);
        _count++;
        Exit();
    }

    public bool TryDequeue(out Envelope envelope)
    {
        Enter();
        if (_count == 0)
        {
            Exit();
            envelope = default;
            return false;
        }
        envelope = _head;
        if (_rest is { Count: > 0 } rest)
        {
            _head = rest.Dequeue();
            // Drop the overflow once drained, so an idle VU holds no queue.
            if (rest.Count == 0) _rest = null;
        }
        else
        {
            _head = default;
        }
        _count--;
        Exit();
        return true;
    }

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope)) deadletters.Enqueue(owner, envelope);
    }

    private void Enter()
    {
        if (Interlocked.CompareExchange(ref _lock, 1, 0) == 0) return;
        var spin = new SpinWait();
        // Never Sleep(1): the holder is a few instructions from releasing it.
        while (Interlocked.CompareExchange(ref _lock, 1, 0) != 0) spin.SpinOnce(sleep1Threshold: -1);
    }

    // A full fence, not a release: after Enqueue the mailbox reads its own status to decide whether to schedule the
    // actor, while the actor's thread, going idle, reads HasMessages. With only release semantics that load could
    // pass this store (x86 reorders a store with a later load), both sides would see "nothing to do", and the
    // message would wait forever: ~900 of 1M VUs never got their last message before this was a full fence.
    private void Exit() => Interlocked.Exchange(ref _lock, 0);
}
