using System.Runtime.InteropServices;
using System.Threading.Channels;
using JobQueue.Engine;
using JobQueue.Hosting;
using JobQueue.Output;

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
        // No history: without HTTP nobody looks a job up, and keeping them would grow with --jobs.
        var tracker = new JobTracker(time, console, StartedLine.Standalone, history: 0);

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
            workers[i - 1] = Task.Run(() => WorkAsync(tracker, id, jobs.Reader), CancellationToken.None);
        }

        // Ctrl+C: from now on no job starts, and each running job's sleep ends at once, as canceled.
        using (cancellationToken.Register(tracker.CutOff))
        {
            try
            {
                await AddJobsAsync(settings, tracker, jobs.Writer, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // wait for workers to complete: close(jobs); wg.Wait()
                jobs.Writer.Complete();
                await Task.WhenAll(workers).ConfigureAwait(false);
            }
        }

        await console.FlushAsync().ConfigureAwait(false);
        return tracker.Counts();
    }

    private static async Task AddJobsAsync(
        StandaloneSettings settings, JobTracker tracker, ChannelWriter<Job> jobs, CancellationToken cancellationToken)
    {
        var durations = new RandomDurations(settings.MaxDuration, settings.Seed);
        for (var i = 0; i < settings.Jobs && !cancellationToken.IsCancellationRequested; i++)
        {
            var job = tracker.NewJob($"job-{i}", durations.NextNanoseconds());

            // Printed before the send, as in Go, where "adding" appears while the send still blocks.
            tracker.Console.WriteLine(job, GoLines.AddingStandalone);

            // Accepted before the send, not after it: once sent, a worker may start the job at once,
            // and no job may be started before it is counted as accepted. TryAccept's enqueue is
            // synchronous, so it accepts unconditionally and the awaited send follows.
            tracker.TryAccept(job, static _ => true);
            try
            {
                await jobs.WriteAsync(job, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Accepted but never sent: end it here, or it would count as queued for ever.
                tracker.TryCancelQueued(job, atShutdown: true);
                return;
            }
        }
    }

    private static async Task WorkAsync(JobTracker tracker, int id, ChannelReader<Job> jobs)
    {
        // for j := range jobs { doWork(i, j) }: ends once the channel is closed and empty. After a
        // cut-off the jobs still in the channel are drained too, each ended as never started.
        await foreach (var job in jobs.ReadAllAsync().ConfigureAwait(false))
        {
            await JobRunner.RunAsync(tracker, id, job).ConfigureAwait(false);
        }
    }
}
