using JobQueue.Engine;
using JobQueue.Output;

namespace JobQueue.Refactored;

/// <summary>
/// worker_refactored.go: no Dispatcher, just <c>jobs</c>, one buffered channel, and N workers that
/// each run <c>for j := range jobs { doWork(i, j) }</c>.
/// </summary>
internal sealed class WorkerPool : IJobEngine
{
    private readonly JobsChannel _jobs;
    private readonly JobTracker _tracker;
    private readonly Task[] _workers;

    public WorkerPool(JobTracker tracker, int maxWorkers, int maxQueueSize)
    {
        _tracker = tracker;
        _jobs = new JobsChannel(maxQueueSize);
        _workers = new Task[maxWorkers];
    }

    public EngineMode Mode => EngineMode.Refactored;

    public int Workers => _workers.Length;

    /// <summary>
    /// Go's <c>go worker(i, jobs)</c> for each worker. Each runs inline until it parks on the empty
    /// buffer, so starting 100000 workers costs no thread-pool item.
    /// </summary>
    public void Start()
    {
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = WorkAsync(i + 1);
        }
    }

    public bool TryEnqueue(Job job)
    {
        if (!_jobs.TryReserve())
        {
            return false;
        }

        // Go prints "added" in the goroutine that sends the job, just before the send.
        _tracker.Console.WriteLine(job, GoLines.Added);
        _jobs.Send(job);
        if (_jobs.IsStopped)
        {
            // A send that raced StopAsync past its last look at the buffer: its job never starts.
            CancelBuffered();
        }

        return true;
    }

    public void StopAccepting() => _jobs.Close();

    public async Task StopAsync()
    {
        _jobs.Stop();
        _tracker.CutOff();
        await Task.WhenAll(_workers).ConfigureAwait(false);
        CancelBuffered();
    }

    private void CancelBuffered()
    {
        while (_jobs.TryReceive(out var job))
        {
            _tracker.TryCancelQueued(job, atShutdown: true);
        }
    }

    private async Task WorkAsync(int id)
    {
        var parked = new JobChannel();
        while (true)
        {
            // Stopped means what is still buffered is accounted for by StopAsync.
            while (!_jobs.IsStopped && _jobs.TryReceive(out var job))
            {
                await JobRunner.RunAsync(_tracker, id, job).ConfigureAwait(false);
            }

            if (!_jobs.Park(parked))
            {
                return;
            }

            // A job sent to this worker while it was parked, or null: look at the buffer again.
            if (await parked.ReceiveAsync().ConfigureAwait(false) is { } handed)
            {
                await JobRunner.RunAsync(_tracker, id, handed).ConfigureAwait(false);
            }
        }
    }
}
