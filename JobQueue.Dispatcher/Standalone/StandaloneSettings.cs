namespace JobQueue.Standalone;

/// <summary>worker_standalone.go's constants, made flags: 100 jobs, 10 workers, each under a second.</summary>
internal sealed record StandaloneSettings(int Jobs, int MaxWorkers, TimeSpan MaxDuration, int? Seed)
{
    public static StandaloneSettings Default { get; } = new(Jobs: 100, MaxWorkers: 10, MaxDuration: TimeSpan.FromSeconds(1), Seed: null);
}
