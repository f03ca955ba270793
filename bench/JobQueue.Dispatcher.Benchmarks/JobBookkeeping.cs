using BenchmarkDotNet.Attributes;
using JobQueue.Engine;
using JobQueue.Hosting;
using JobQueue.Output;

namespace JobQueue.Benchmarks;

/// <summary>
/// What the port does per job on top of any hand-off, measured alone on one thread: a job's whole life
/// through the tracker (NewJob, TryAccept, TryStart, Finish) with its id, status, three clock readings,
/// store, counters and latency buckets, and no engine. Go's pools keep none of this, so this is the
/// figure that separates the engines' jobs per second from Go's.
/// </summary>
[Config(typeof(JobsPerSecondConfig))]
public class JobBookkeeping
{
    private const int Jobs = 1000;
    private readonly Func<Job, bool> _accept = static _ => true;
    private JobTracker _tracker = null!;

    [GlobalSetup]
    public void Setup() =>
        _tracker = new JobTracker(TimeProvider.System, new JobConsole(TextWriter.Null, quiet: true), StartedLine.Refactored, ServerSettings.Default.History);

    [Benchmark(OperationsPerInvoke = Jobs)]
    public void OneJobsLife()
    {
        for (var i = 0; i < Jobs; i++)
        {
            var job = _tracker.NewJob("bench", delayNanoseconds: 0);
            _tracker.TryAccept(job, _accept);
            _tracker.TryStart(1, job);
            _tracker.Finish(1, job, canceled: false);
        }
    }
}
