using BenchmarkDotNet.Attributes;
using JobQueue.Engine;

namespace JobQueue.Benchmarks;

/// <summary>
/// Jobs per second through each engine, zero-length jobs and a quiet console, so what is measured is
/// the hand-off and the bookkeeping, not the work. One operation is one job: an invocation submits
/// <see cref="Jobs"/> jobs and returns once every one of them has completed.
/// </summary>
[Config(typeof(JobsPerSecondConfig))]
public class JobsPerSecond
{
    public const int Jobs = 100_000;

    /// <summary>
    /// The server's default is Go's 100; 1000 is large enough that when the producer, refused by a full
    /// queue, sleeps until half of it has drained, the workers still have 500 jobs to run while it wakes
    /// up, and small enough to stay a bounded queue. The Go program in bench/go uses the same size.
    /// </summary>
    public const int QueueSize = 1000;

    private ChannelFloor? _floor;
    private EngineRun? _engine;

    [Params(5, 1000)]
    public int Workers { get; set; }

    [GlobalSetup(Target = nameof(BareChannel))]
    public void StartFloor() => _floor = new ChannelFloor(Workers, QueueSize);

    [GlobalSetup(Target = nameof(OriginalDispatcher))]
    public void StartOriginal() => _engine = new EngineRun(EngineMode.Original, Workers, QueueSize);

    [GlobalSetup(Target = nameof(RefactoredPool))]
    public void StartRefactored() => _engine = new EngineRun(EngineMode.Refactored, Workers, QueueSize);

    /// <summary>The floor: the same bounded channel and the same number of readers, no engine at all.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Jobs)]
    public Task BareChannel() => _floor!.SubmitAndWaitAsync(Jobs);

    /// <summary>worker_original.go: an idle worker's own channel from workerPool, then the next job from the queue.</summary>
    [Benchmark(OperationsPerInvoke = Jobs)]
    public Task OriginalDispatcher() => _engine!.SubmitAndWaitAsync(Jobs);

    /// <summary>worker_refactored.go: N workers ranging over one bounded queue.</summary>
    [Benchmark(OperationsPerInvoke = Jobs)]
    public Task RefactoredPool() => _engine!.SubmitAndWaitAsync(Jobs);

    [GlobalCleanup]
    public async Task StopAsync()
    {
        if (_engine is { } engine)
        {
            await engine.StopAsync();
        }

        if (_floor is { } floor)
        {
            await floor.StopAsync();
        }
    }
}
