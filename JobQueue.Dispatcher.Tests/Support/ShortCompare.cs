using JobQueue.Compare;

namespace JobQueue.Tests.Support;

/// <summary>
/// One real <c>compare</c> run, made once per test run and shared: both modes as child processes on free
/// loopback ports, the load over HTTP, compare.md and compare.html written to a temporary folder.
/// </summary>
internal static class ShortCompare
{
    private static readonly Lazy<Task<Result>> Run = new(RunAsync);

    /// <summary>A few 1 s jobs from one sender into 1 worker and a queue of 1: the queue fills and refuses at once, in about two seconds.</summary>
    public static CompareSettings Settings { get; } = CompareSettings.Default with
    {
        Jobs = 6,
        Senders = 1,
        Rate = 0,
        Delay = TimeSpan.FromSeconds(1),
        Workers = 1,
        QueueSize = 1,
        Concurrent = true,
        TimeLimit = TimeSpan.FromSeconds(60),
    };

    public static Task<Result> ResultAsync() => Run.Value;

    private static async Task<Result> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("jobqueue-compare-test-").FullName;
        // Screenshots for the README show the default load, which a user gets from ./run-load.sh --compare.
        var settings = (Screenshots.Wanted ? CompareSettings.Default with { Concurrent = true } : Settings) with { Out = Path.Combine(folder, "compare.md") };
        using StringWriter output = new();
        using StringWriter error = new();
        using CancellationTokenSource limit = new(TimeSpan.FromMinutes(2));
        var (exitCode, report) = await CompareRun.RunAsync(settings, output, error, TimeProvider.System, limit.Token);
        return new Result(exitCode, report, settings, output.ToString(), error.ToString());
    }

    internal sealed record Result(int ExitCode, Report Report, CompareSettings Settings, string Output, string Error);
}
