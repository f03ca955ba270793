using BenchmarkDotNet.Attributes;

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
    private JobsChannelFloor? _jobsChannel;
    private EngineRun? _engine;

    [Params(5, 1000)]
    public int Workers { get; set; }

    [GlobalSetup(Target = nameof(BareChannel))]
    public void StartFloor() => _floor = new ChannelFloor(Workers, QueueSize);

    [GlobalSetup(Target = nameof(PoolHandOffOnly))]
    public void StartJobsChannel() => _jobsChannel = new JobsChannelFloor(Workers, QueueSize);

    [GlobalSetup(Target = nameof(OriginalDispatcher))]
    public void StartOriginal() => _engine = EngineRun.Original(Workers, QueueSize);

    [GlobalSetup(Target = nameof(RefactoredPool))]
    public void StartRefactored() => _engine = EngineRun.Refactored(Workers, QueueSize);

    /// <summary>The floor: the same bounded channel and the same number of readers, no engine at all.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Jobs)]
    public Task BareChannel() => _floor!.SubmitAndWaitAsync(Jobs);

    /// <summary>The refactored pool's jobs channel and worker loop without the bookkeeping: what Go's simple pool does per job.</summary>
    [Benchmark(OperationsPerInvoke = Jobs)]
    public Task PoolHandOffOnly() => _jobsChannel!.SubmitAndWaitAsync(Jobs);

    /// <summary>worker_original.go: jobQueue, then an idle worker's own channel from workerPool.</summary>
    [Benchmark(OperationsPerInvoke = Jobs)]
    public Task OriginalDispatcher() => _engine!.SubmitAndWaitAsync(Jobs);

    /// <summary>worker_refactored.go: N workers ranging over one bounded channel.</summary>
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

        if (_jobsChannel is { } jobsChannel)
        {
            await jobsChannel.StopAsync();
        }
    }
}
