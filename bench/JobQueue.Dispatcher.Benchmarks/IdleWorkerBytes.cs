using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using JobQueue.Original;
using JobQueue.Queue;

namespace JobQueue.Benchmarks;

/// <summary>
/// What the choice of primitive adds to each idle worker, which <c>--max-workers 100000</c>
/// multiplies: the bytes allocated to start a loop that then waits for its first job (the
/// <c>Worker</c> object and its place in the pool come on top, the same either way). Each pair puts
/// the program's way beside the plain one it did not take: an original-mode worker's private <see cref="JobChannel"/> beside a
/// <see cref="Channel{T}"/> of one slot, and a refactored-mode worker's loop over
/// <see cref="IJobQueue.TakeAsync"/> beside <c>await foreach</c> over an async iterator of the same takes.
/// </summary>
[MemoryDiagnoser]
public class IdleWorkerBytes
{
    private const int Workers = 1000;

    /// <summary>The original worker's wait: <c>Original/JobChannel.cs</c>, one reusable completion.</summary>
    [Benchmark(OperationsPerInvoke = Workers)]
    public Task JobChannelWait() => Start(static i => ReceiveAsync(new JobChannel(i)));

    /// <summary>The same wait on a <c>Channel&lt;Job?&gt;</c> of one slot, one reader and one writer.</summary>
    [Benchmark(OperationsPerInvoke = Workers)]
    public Task ChannelOfOneWait() => Start(static _ =>
        ReadAsync(Channel.CreateBounded<Job?>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true })));

    /// <summary>The refactored worker as <c>Refactored/WorkerPool.cs</c> writes it: a loop with one place for the job.</summary>
    [Benchmark(OperationsPerInvoke = Workers)]
    public Task PlainLoopWait()
    {
        var jobs = NewQueue();
        return Start(_ => PlainLoopAsync(jobs));
    }

    /// <summary>The same worker as <c>await foreach</c>, the way the standalone run ranges over its jobs.</summary>
    [Benchmark(OperationsPerInvoke = Workers)]
    public Task AwaitForeachWait()
    {
        var jobs = NewQueue();
        return Start(_ => AwaitForeachAsync(jobs));
    }

    // Each worker runs inline up to its first wait, as the engines start theirs, and stays parked
    // there: once the invocation returns, nothing reaches the queue or the channels, and they go.
    private static Task Start(Func<int, Task> worker)
    {
        var last = Task.CompletedTask;
        for (var i = 1; i <= Workers; i++)
        {
            last = worker(i);
        }

        // A worker that faulted says why; one that ended without waiting measured nothing.
        return last.IsFaulted ? last
            : last.IsCompleted ? Task.FromException(new InvalidOperationException("a worker did not wait"))
            : Task.CompletedTask;
    }

    private static MemoryJobQueue NewQueue() => new(capacity: 100, history: 10, TimeProvider.System);

    private static async Task ReceiveAsync(JobChannel jobQueue) => await jobQueue.ReceiveAsync();

    private static async Task ReadAsync(Channel<Job?> jobQueue) => await jobQueue.Reader.ReadAsync();

    private static async Task PlainLoopAsync(IJobQueue jobs)
    {
        var j = new Job[1];
        while (await jobs.TakeAsync(j, CancellationToken.None) == 1)
        {
        }
    }

    private static async Task AwaitForeachAsync(IJobQueue jobs)
    {
        await foreach (var job in Range(jobs))
        {
        }
    }

    private static async IAsyncEnumerable<Job> Range(IJobQueue jobs)
    {
        var j = new Job[1];
        while (await jobs.TakeAsync(j, CancellationToken.None) == 1)
        {
            yield return j[0];
        }
    }
}
