using Akka.Actor;
using Akka.Configuration;
using LoadGrid.Cluster.Worker;

namespace LoadGrid.Cluster.Tests;

public sealed class VuMailboxTests : IAsyncLifetime
{
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("vumailbox", ConfigurationFactory.ParseString("akka.loglevel = WARNING\n" + VuMailbox.Hocon));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.Terminate();

    [Fact]
    public void The_queue_is_first_in_first_out_past_its_inline_slot_and_empties()
    {
        var queue = new VuMessageQueue();
        for (var i = 0; i < 5; i++) queue.Enqueue(ActorRefs.Nobody, new Envelope(i, ActorRefs.NoSender));

        Assert.Equal(5, queue.Count);
        var seen = new List<object>();
        while (queue.TryDequeue(out var envelope)) seen.Add(envelope.Message);

        Assert.Equal([0, 1, 2, 3, 4], seen);
        Assert.False(queue.HasMessages);
        queue.Enqueue(ActorRefs.Nobody, new Envelope("again", ActorRefs.NoSender));
        Assert.True(queue.TryDequeue(out var last));
        Assert.Equal("again", last.Message);
    }

    [Fact]
    public void Clean_up_hands_what_is_left_to_dead_letters_in_order()
    {
        var queue = new VuMessageQueue();
        var deadLetters = new VuMessageQueue();
        queue.Enqueue(ActorRefs.Nobody, new Envelope("a", ActorRefs.NoSender));
        queue.Enqueue(ActorRefs.Nobody, new Envelope("b", ActorRefs.NoSender));

        queue.CleanUp(ActorRefs.Nobody, deadLetters);

        Assert.Equal(0, queue.Count);
        Assert.True(deadLetters.TryDequeue(out var first));
        Assert.True(deadLetters.TryDequeue(out var second));
        Assert.Equal(["a", "b"], new[] { first.Message, second.Message });
    }

    [Fact]
    public void Concurrent_producers_lose_nothing_and_keep_their_own_order()
    {
        var queue = new VuMessageQueue();
        const int Producers = 4, Each = 20_000;
        var producers = Enumerable.Range(0, Producers).Select(p => new Thread(() =>
        {
            for (var i = 0; i < Each; i++) queue.Enqueue(ActorRefs.Nobody, new Envelope((p, i), ActorRefs.NoSender));
        })).ToList();
        producers.ForEach(t => t.Start());

        var next = new int[Producers];
        var received = 0;
        while (received < Producers * Each)
        {
            if (!queue.TryDequeue(out var envelope))
            {
                Assert.True(producers.Any(t => t.IsAlive) || queue.HasMessages, $"lost messages: {received} of {Producers * Each}");
                continue;
            }
            var (producer, index) = ((int, int))envelope.Message;
            Assert.Equal(next[producer]++, index);
            received++;
        }
        producers.ForEach(t => t.Join());
        Assert.False(queue.HasMessages);
    }

    [Fact]
    public async Task An_actor_on_the_vu_mailbox_gets_every_message_from_many_senders()
    {
        var counter = _system.ActorOf(Props.Create(() => new CountingActor()).WithMailbox(VuMailbox.ConfigPath));
        const int Senders = 4, Each = 5_000;
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < Each; i++) counter.Tell(1);
        })));

        var count = await counter.Ask<int>("count", TimeSpan.FromSeconds(30));

        Assert.Equal(Senders * Each, count);
    }

    private sealed class CountingActor : UntypedActor
    {
        private int _count;

        protected override void OnReceive(object message)
        {
            if (message is int) _count++;
            else Sender.Tell(_count);
        }
    }
}
