using JobQueue.Dispatcher.Engine;
using JobQueue.Dispatcher.Refactored;

namespace JobQueue.Dispatcher.Tests.Engine;

/// <summary>The refactored pool's <c>jobs</c> channel: Go's buffered channel, but a full one refuses.</summary>
public sealed class JobsChannelTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public void The_buffer_holds_exactly_its_capacity_and_a_receive_makes_room_for_one_more()
    {
        var jobs = new JobsChannel(capacity: 3);
        for (var i = 1; i <= 3; i++)
        {
            Assert.That(jobs.TryReserve(), Is.True, $"place {i}");
            jobs.Send(NewJob(i));
        }

        Assert.That(jobs.TryReserve(), Is.False, "a fourth job in a buffer of three");
        Assert.That(jobs.TryReceive(out var first), Is.True);
        Assert.That(first.Id, Is.EqualTo(1), "first in, first out");
        Assert.That(jobs.TryReserve(), Is.True);
        Assert.That(jobs.TryReserve(), Is.False);
    }

    [Test]
    public void A_closed_channel_refuses_sends_and_still_gives_up_what_it_holds()
    {
        var jobs = new JobsChannel(capacity: 3);
        Assert.That(jobs.TryReserve(), Is.True);
        jobs.Send(NewJob(1));
        jobs.Close();

        Assert.That(jobs.TryReserve(), Is.False);
        Assert.That(jobs.TryReceive(out var job), Is.True);
        Assert.That(job.Id, Is.EqualTo(1));
    }

    [Test]
    public async Task A_parked_worker_wakes_for_a_send()
    {
        var jobs = new JobsChannel(capacity: 3);
        var waiting = jobs.WaitToReceiveAsync().AsTask();
        Assert.That(waiting.IsCompleted, Is.False, "nothing to receive yet");

        Assert.That(jobs.TryReserve(), Is.True);
        jobs.Send(NewJob(7));

        Assert.That(await waiting.WaitAsync(Patience), Is.True);
        Assert.That(jobs.TryReceive(out var job), Is.True);
        Assert.That(job.Id, Is.EqualTo(7));
    }

    [Test]
    public async Task Stop_sends_every_parked_worker_away_and_leaves_the_buffer_alone()
    {
        var jobs = new JobsChannel(capacity: 3);
        var parked = Enumerable.Range(0, 5).Select(_ => jobs.WaitToReceiveAsync().AsTask()).ToArray();
        jobs.Stop();

        Assert.That(await Task.WhenAll(parked).WaitAsync(Patience), Is.All.False);
        Assert.That(await jobs.WaitToReceiveAsync(), Is.False, "a worker that comes later is sent away too");
        Assert.That(jobs.TryReserve(), Is.False);
    }

    [Test]
    public async Task Every_job_sent_from_many_threads_is_received_exactly_once()
    {
        const int Senders = 4, PerSender = 5_000, Receivers = 6;
        var jobs = new JobsChannel(capacity: 64);
        var received = new int[(Senders * PerSender) + 1];
        var remaining = Senders * PerSender;
        var allReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var receivers = Enumerable.Range(0, Receivers).Select(_ => Task.Run(async () =>
        {
            while (await jobs.WaitToReceiveAsync())
            {
                while (jobs.TryReceive(out var job))
                {
                    Interlocked.Increment(ref received[job.Id]);
                    if (Interlocked.Decrement(ref remaining) == 0)
                    {
                        allReceived.SetResult();
                    }
                }
            }
        })).ToArray();

        // A full buffer refuses; the sender tries again, as a client would after a 503.
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            for (var i = 1; i <= PerSender; i++)
            {
                while (!jobs.TryReserve())
                {
                    await Task.Yield();
                }

                jobs.Send(NewJob((s * PerSender) + i));
            }
        }))).WaitAsync(Patience);

        await allReceived.Task.WaitAsync(Patience);
        jobs.Stop();
        await Task.WhenAll(receivers).WaitAsync(Patience);
        Assert.That(received.Skip(1), Is.All.EqualTo(1));
    }

    private static Job NewJob(long id) => new(id, $"job{id}", 0, DateTimeOffset.UnixEpoch);
}
