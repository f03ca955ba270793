using System.Runtime.InteropServices;
using System.Threading.Channels;
using JobQueue.Hosting;
using JobQueue.Output;
using JobQueue.Queue;

namespace JobQueue.Standalone;

/// <summary>
/// worker_standalone.go: no HTTP and no Dispatcher. Workers <c>range</c> over one channel of jobs,
/// main adds the jobs, closes the channel and waits for the workers (Go's WaitGroup).
/// </summary>
internal static class StandaloneRun
{
    /// <summary>Stopped by Ctrl+C or SIGTERM before every job was done: the shell's code for SIGINT.</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>The <c>standalone</c> subcommand: job lines on standard output, real time, exits 0 when every job is done.</summary>
    public static async Task<int> RunAsync(StandaloneSettings settings, CancellationToken cancellationToken)
    {
        // The command line leaves signals alone (ProcessTerminationTimeout = null, for the server's
        // sake), so the standalone run turns them into cancellation itself.
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        JobCounts counts;
        var console = JobConsole.ForStandardOutput(quiet: false);
        await using (console.ConfigureAwait(false))
        {
            counts = await RunAsync(settings, console, TimeProvider.System, interrupted.Token).ConfigureAwait(false);
        }

        var exitCode = ExitCode(settings, counts);
        if (exitCode != 0)
        {
            // After the job lines (disposing the console wrote them all), so the summary comes last.
            await Console.Error.WriteLineAsync(ShutdownSummary.Format(counts)).ConfigureAwait(false);
        }

        return exitCode;

        void OnSignal(PosixSignalContext context)
        {
            // The first signal stops the run; a second is left to the runtime, which ends the process.
            context.Cancel = !interrupted.IsCancellationRequested;
            interrupted.Cancel();
        }
    }

    /// <summary>0 when every job completed, as Go's <c>main</c> returning after <c>wg.Wait()</c>.</summary>
    public static int ExitCode(StandaloneSettings settings, JobCounts counts) =>
        counts.Completed == settings.Jobs ? 0 : InterruptedExitCode;

    /// <summary>
    /// The run itself, on any console and clock. On cancellation no job is added or started any more
    /// and running jobs are cut short; it returns once every worker has stopped and the lines are written.
    /// </summary>
    public static async Task<JobCounts> RunAsync(
        StandaloneSettings settings, JobConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        var counters = new JobCounters();

        // channel for jobs. Go's make(chan job) has no buffer: a send waits until a worker takes the
        // job. .NET channels have no capacity 0; one slot with Wait is the nearest: WriteAsync still
        // blocks while every worker is busy, and "adding" runs at most one job ahead of Go's.
        var jobs = Channel.CreateBounded<Job>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
        });

        // start workers
        var workers = new Task[settings.MaxWorkers];
        for (var i = 1; i <= workers.Length; i++)
        {
            var id = i;
            workers[i - 1] = Task.Run(() => WorkerAsync(id, jobs.Reader, counters, console, time, cancellationToken), CancellationToken.None);
        }

        try
        {
            await AddJobsAsync(settings, jobs.Writer, counters, console, time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // wait for workers to complete: close(jobs); wg.Wait()
            jobs.Writer.Complete();
            await Task.WhenAll(workers).ConfigureAwait(false);
        }

        await console.FlushAsync().ConfigureAwait(false);
        return counters.Read();
    }

    private static async Task AddJobsAsync(
        StandaloneSettings settings, ChannelWriter<Job> jobs, JobCounters counters, JobConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        var durations = new RandomDurations(settings.MaxDuration, settings.Seed);
        for (var i = 0; i < settings.Jobs && !cancellationToken.IsCancellationRequested; i++)
        {
            var job = new Job(i, $"job-{i}", durations.NextNanoseconds(), time.GetUtcNow());

            // Printed before the send, as in Go, where "adding" appears while the send still blocks.
            console.WriteLine(job, GoLines.AddingStandalone);

            // Counted before the send: once sent, a worker may start it at once.
            counters.Accepted();
            try
            {
                await jobs.WriteAsync(job, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Accepted but never sent.
                NeverStarted(job, counters, console);
                return;
            }
        }
    }

    // for j := range jobs { doWork(i, j) }: ends once the channel is closed and empty. After Ctrl+C the
    // jobs still in the channel are drained too, each ended as never started.
    private static async Task WorkerAsync(
        int id, ChannelReader<Job> jobs, JobCounters counters, JobConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        await foreach (var job in jobs.ReadAllAsync().ConfigureAwait(false))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                NeverStarted(job, counters, console);
                continue;
            }

            await DoWorkAsync(id, job, counters, console, time, cancellationToken).ConfigureAwait(false);
        }
    }

    // doWork: "started", sleep, "completed"; Ctrl+C cuts the sleep short.
    private static async Task DoWorkAsync(int id, Job job, JobCounters counters, JobConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        counters.Started(started - job.EnqueuedAt);
        console.WriteLine((id, job), static s => GoLines.Started(StartedLine.Standalone, s.id, s.job));
        var status = JobStatus.Completed;
        try
        {
            await Task.Delay(job.Delay, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            status = JobStatus.Canceled;
        }

        counters.Ended(status, time.GetUtcNow() - started);
        console.WriteLine((status, id, job), static s => GoLines.Ended(s.status, s.id, s.job));
    }

    private static void NeverStarted(Job job, JobCounters counters, JobConsole console)
    {
        counters.NeverStarted();
        console.WriteLine(job, GoLines.NeverStarted);
    }
}
