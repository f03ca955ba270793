using JobQueue.Engine;
using JobQueue.Output;
using JobQueue.Queue;

namespace JobQueue.Refactored;

/// <summary>
/// worker_refactored.go: no Dispatcher, just <c>jobs</c>, one queue, and N workers that each run
/// <c>for j := range jobs { doWork(i, j) }</c>.
/// </summary>
internal sealed class WorkerPool(IJobQueue jobs, int maxWorkers, JobRunner runner, JobConsole console) : IJobEngine
{
    private readonly Task[] _workers = new Task[maxWorkers];

    public EngineMode Mode => EngineMode.Refactored;

    public int Workers => _workers.Length;

    /// <summary>
    /// Go's <c>go worker(i, jobs)</c> for each worker. Each runs inline until it waits on the empty
    /// queue, so starting many workers costs no thread-pool item.
    /// </summary>
    public void Start()
    {
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = WorkerAsync(i + 1);
        }
    }

    // Go prints "added" in the handler that sends the job, just before the send.
    public void Added(Job job) => console.WriteLine(job, GoLines.Added);

    public async Task StopAsync()
    {
        // The queue hands out no more, so each worker's range ends once its job is cut short.
        runner.CutOff();
        await Task.WhenAll(_workers).ConfigureAwait(false);
    }

    private async Task WorkerAsync(int id)
    {
        // for j := range jobs: ends when the queue hands out no more. A plain loop rather than await
        // foreach: an async iterator per worker is the larger part of an idle worker's memory, and
        // --max-workers may be 100 000 (BENCHMARKS.md). Each take fills this worker's one place.
        var j = new Job[1];
        while (await jobs.TakeAsync(j, CancellationToken.None).ConfigureAwait(false) == 1)
        {
            await runner.RunAsync(id, j[0]).ConfigureAwait(false);
        }
    }
}
