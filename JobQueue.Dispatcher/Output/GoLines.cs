using JobQueue.GoFormat;
using JobQueue.Queue;

namespace JobQueue.Output;

/// <summary>
/// The Go programs' Printf lines, byte for byte. A name is escaped on its way out so that a request
/// cannot forge a console line with a CR or LF of its own.
/// </summary>
internal static class GoLines
{
    // worker_original.go, Dispatcher.dispatch
    public static string Fetching(Job job) => $"fetching workerJobQueue for: {Name(job)}";

    public static string Adding(Job job) => $"adding {Name(job)} to workerJobQueue";

    // worker_original.go, Worker.start
    public static string Stopping(int worker) => $"worker{worker} stopping";

    // worker_refactored.go, requestHandler: "added: %s %s\n", with the Duration's String()
    public static string Added(Job job) => $"added: {Name(job)} {GoDuration.Format(job.DelayNanoseconds)}";

    // worker_standalone.go, main: "adding: %s %s\n"
    public static string AddingStandalone(Job job) => $"adding: {Name(job)} {GoDuration.Format(job.DelayNanoseconds)}";

    // All three programs: "worker%d: started %s, <verb> %f<unit>\n"
    public static string Started(StartedLine format, int worker, Job job) =>
        $"worker{worker}: started {Name(job)}, {format.Verb} {GoFmt.F(GoDuration.Seconds(job.DelayNanoseconds))}{format.Unit}";

    public static string Completed(int worker, Job job) => $"worker{worker}: completed {Name(job)}!";

    // Not in Go, which cannot cancel: the same shape as "completed", so a log reader sees how each job ended.
    public static string Canceled(int worker, Job job) => $"worker{worker}: canceled {Name(job)}!";

    /// <summary>How a worker's run ended, as the queue recorded it.</summary>
    public static string Ended(JobStatus status, int worker, Job job) => status switch
    {
        JobStatus.Completed => Completed(worker, job),
        JobStatus.Queued => Returned(worker, job),
        _ => Canceled(worker, job),
    };

    // A durable queue at shutdown: the run was cut short and the job waits for another node.
    public static string Returned(int worker, Job job) => $"worker{worker}: returned {Name(job)} to the queue!";

    // A DELETE of a job no worker had started.
    public static string CanceledQueued(string name) => $"canceled {ConsoleEscape.Escape(name)} before it started";

    // Shutdown ran out of time before a worker got to the job: the words of the summary's "never started".
    public static string NeverStarted(Job job) => $"{Name(job)} never started: the shutdown timeout passed";

    private static string Name(Job job) => ConsoleEscape.Escape(job.Name);
}

/// <summary>How each program words the "started" line: <c>blocking for 2.000000 seconds</c>, <c>working for 0.081000s</c>.</summary>
internal sealed record StartedLine(string Verb, string Unit)
{
    public static StartedLine Original { get; } = new("blocking for", " seconds");

    public static StartedLine Refactored { get; } = new("working for", " seconds");

    public static StartedLine Standalone { get; } = new("working for", "s");
}
