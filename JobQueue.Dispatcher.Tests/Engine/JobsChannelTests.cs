using JobQueue.Engine;
using JobQueue.Refactored;

namespace JobQueue.Tests.Engine;

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
    public async Task A_send_hands_the_job_to_the_worker_parked_first()
    {
        // Go's send to a channel with waiting receivers: the first to wait gets the value, not the buffer.
        var jobs = new JobsChannel(capacity: 1);
        var first = new JobChannel();
        var second = new JobChannel();
        Assert.That(jobs.Park(first), Is.True);
        Assert.That(jobs.Park(second), Is.True);
        var firstWoken = first.ReceiveAsync().AsTask();
        var secondWoken = second.ReceiveAsync().AsTask();
        Assert.That(firstWoken.IsCompleted || secondWoken.IsCompleted, Is.False, "nothing sent yet");

        Assert.That(jobs.TryReserve(), Is.True);
        jobs.Send(NewJob(7));

        Assert.That((await firstWoken.WaitAsync(Patience))?.Id, Is.EqualTo(7));
        Assert.That(secondWoken.IsCompleted, Is.False, "one send wakes one worker");
        Assert.That(jobs.TryReceive(out _), Is.False, "the job went to the worker, not into the buffer");
        Assert.That(jobs.TryReserve(), Is.True, "and took no place in it");
    }

    [Test]
    public async Task A_worker_that_parks_while_a_job_is_buffered_is_woken_to_take_it()
    {
        // The job was sent before the worker parked, so no send will come to wake it.
        var jobs = new JobsChannel(capacity: 3);
        Assert.That(jobs.TryReserve(), Is.True);
        jobs.Send(NewJob(1));
        var worker = new JobChannel();

        Assert.That(jobs.Park(worker), Is.True);
        Assert.That(await worker.ReceiveAsync().AsTask().WaitAsync(Patience), Is.Null, "woken to look at the buffer");
        Assert.That(jobs.TryReceive(out var job), Is.True);
        Assert.That(job.Id, Is.EqualTo(1));
    }

    [Test]
    public async Task Stop_wakes_every_parked_worker_with_nothing_and_leaves_the_buffer_alone()
    {
        var jobs = new JobsChannel(capacity: 3);
        Assert.That(jobs.TryReserve(), Is.True);
        jobs.Send(NewJob(2));
        var workers = Enumerable.Range(0, 5).Select(_ => new JobChannel()).ToArray();
        var woken = new List<Task<Job?>>();
        foreach (var worker in workers)
        {
            // The first is woken at once for the buffered job; here it does not take it.
            Assert.That(jobs.Park(worker), Is.True);
            woken.Add(worker.ReceiveAsync().AsTask());
        }

        jobs.Stop();

        Assert.That(await Task.WhenAll(woken).WaitAsync(Patience), Is.All.Null);
        Assert.That(jobs.IsStopped, Is.True);
        Assert.That(jobs.Park(new JobChannel()), Is.False, "a worker that comes later is sent away");
        Assert.That(jobs.TryReserve(), Is.False);
        Assert.That(jobs.TryReceive(out var left), Is.True, "the buffered job is left for the pool to account for");
        Assert.That(left.Id, Is.EqualTo(2));
    }

    [Test]
    public async Task Every_job_sent_from_many_threads_is_received_exactly_once()
    {
        const int Senders = 4, PerSender = 5_000, Receivers = 6;
        var jobs = new JobsChannel(capacity: 64);
        var received = new int[(Senders * PerSender) + 1];
        var remaining = Senders * PerSender;
        var allReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        void Receive(Job job)
        {
            Interlocked.Increment(ref received[job.Id]);
            if (Interlocked.Decrement(ref remaining) == 0)
            {
                allReceived.SetResult();
            }
        }

        // The pool's worker loop: receive while the buffer holds a job, then park until handed one.
        var receivers = Enumerable.Range(0, Receivers).Select(_ => Task.Run(async () =>
        {
            var parked = new JobChannel();
            while (true)
            {
                while (jobs.TryReceive(out var job))
                {
                    Receive(job);
                }

                if (!jobs.Park(parked))
                {
                    return;
                }

                if (await parked.ReceiveAsync() is { } handed)
                {
                    Receive(handed);
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
