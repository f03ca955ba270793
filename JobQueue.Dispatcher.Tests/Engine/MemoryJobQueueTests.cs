using JobQueue.Queue;

namespace JobQueue.Tests.Engine;

/// <summary>The in-memory queue's own promises at a stop, below either engine.</summary>
public sealed class MemoryJobQueueTests
{
    [Test]
    public async Task A_take_begun_while_the_queue_stops_hands_out_no_job_and_the_job_is_settled_as_never_started()
    {
        var queue = new MemoryJobQueue(capacity: 10, history: 100, TimeProvider.System);
        Job? late = null;

        // A worker waits for a job. The stop wakes it on the stopping thread, so what it does next happens
        // while the stop runs: a job comes in (standing for one that waited in the channel), and the
        // worker takes again, as a worker back from a job would.
        async Task<int> WorkerAsync()
        {
            Assert.That(await queue.TakeAsync(new Job[1], CancellationToken.None), Is.EqualTo(0), "woken by the stop");
            late = (await queue.EnqueueAsync("late", 0, null, CancellationToken.None)).Job;
            return await queue.TakeAsync(new Job[1], CancellationToken.None);
        }

        var worker = WorkerAsync();
        var neverStarted = await queue.StopTakingAsync();

        Assert.That(await worker.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(0), "no job is handed out once the stop has begun");
        Assert.That(late, Is.Not.Null);
        Assert.That(neverStarted.Select(job => job.Id), Is.EqualTo(new[] { late!.Id }));
        Assert.That(late.Status, Is.EqualTo(JobStatus.Canceled));
    }

    [Test]
    public async Task A_second_stop_returns_with_nothing_more_to_settle()
    {
        var queue = new MemoryJobQueue(capacity: 10, history: 100, TimeProvider.System);
        var job = (await queue.EnqueueAsync("job1", 0, null, CancellationToken.None)).Job;

        var first = await queue.StopTakingAsync();

        // On another thread, so that a stop that never returns fails the test instead of hanging it.
        var second = await Task.Run(() => queue.StopTakingAsync().AsTask()).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(first.Select(j => j.Id), Is.EqualTo(new[] { job!.Id }));
        Assert.That(second, Is.Empty);
    }
}
