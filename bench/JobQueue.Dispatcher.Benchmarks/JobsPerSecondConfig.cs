using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace JobQueue.Benchmarks;

/// <summary>
/// Adds jobs per second next to the mean, and per-job allocations and thread-pool work items, which
/// say where an engine spends its time beyond the floor.
/// </summary>
internal sealed class JobsPerSecondConfig : ManualConfig
{
    public JobsPerSecondConfig()
    {
        AddColumn(new JobsPerSecondColumn());
        AddDiagnoser(MemoryDiagnoser.Default, ThreadingDiagnoser.Default);
    }
}
