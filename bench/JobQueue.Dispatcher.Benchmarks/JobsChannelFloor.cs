using JobQueue.Engine;
using JobQueue.Refactored;

namespace JobQueue.Benchmarks;

/// <summary>
/// The refactored pool without the bookkeeping: its <c>jobs</c> channel and its worker loop (receive
/// while there is a job, else park), each job counted down once. This is the work Go's simple pool does
/// per job, a channel send, a receive and a <c>WaitGroup.Done</c>, so it is the like-for-like figure.
/// </summary>
internal sealed class JobsChannelFloor
{
    // One job sent over and over, as Go's benchmark sends the same Job value: no allocation per job.
    private readonly Job _job = new(1, "bench", 0, DateTimeOffset.UnixEpoch);
    private readonly JobsChannel _jobs;
    private readonly Task[] _workers;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _remaining;

    public JobsChannelFloor(int workers, int capacity)
    {
        _jobs = new JobsChannel(capacity);
        _workers = new Task[workers];
        for (var i = 0; i < workers; i++)
        {
            _workers[i] = WorkAsync();
        }
    }

    /// <summary>Sends <paramref name="jobs"/> jobs; on a full buffer the sender yields its thread to the workers.</summary>
    public async Task SubmitAndWaitAsync(int jobs)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _remaining, jobs);
        for (var i = 0; i < jobs; i++)
        {
            while (!_jobs.TryReserve())
            {
                await Task.Yield();
            }

            _jobs.Send(_job);
        }

        await _done.Task.ConfigureAwait(false);
    }

    public Task StopAsync()
    {
        _jobs.Stop();
        return Task.WhenAll(_workers);
    }

    private async Task WorkAsync()
    {
        var parked = new JobChannel();
        while (true)
        {
            while (_jobs.TryReceive(out _))
            {
                if (Interlocked.Decrement(ref _remaining) == 0)
                {
                    _done.TrySetResult();
                }
            }

            if (!_jobs.Park(parked))
            {
                return;
            }

            if (await parked.ReceiveAsync().ConfigureAwait(false) is not null && Interlocked.Decrement(ref _remaining) == 0)
            {
                _done.TrySetResult();
            }
        }
    }
}
