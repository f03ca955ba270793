using JobQueue.GoFormat;

namespace JobQueue.Compare;

/// <summary>
/// The <c>compare</c> subcommand: the gist's load sent to both designs, one after the other (or at
/// once), with the same flags; the Go originals beside them on request.
/// </summary>
/// <param name="Jobs">How many POSTs each server gets, job1..jobN.</param>
/// <param name="Senders">Concurrent senders, each POSTing its share one after the other over one connection.</param>
/// <param name="Rate">POSTs per second, all senders together; 0 sends each as soon as its sender has the last answer.</param>
/// <param name="Delay">The same delay for every job; null for the gist's <c>i % 9 + 1</c> seconds (<c>--delay gist</c>).</param>
/// <param name="GoSource">The folder of the Go originals, go-original/main.go and go-refactored/main.go.</param>
/// <param name="TimeLimit">How long after its first POST a server may take to run its jobs; null for enough for the load.</param>
/// <param name="ServerArgs">Further flags for the C# servers, passed as they are.</param>
internal sealed record CompareSettings(
    int Jobs,
    int Senders,
    double Rate,
    TimeSpan? Delay,
    int Workers,
    int QueueSize,
    bool Quiet,
    TimeSpan? ShutdownTimeout,
    bool Concurrent,
    string Out,
    bool WithGo,
    string GoSource,
    TimeSpan? TimeLimit,
    IReadOnlyList<string> ServerArgs)
{
    /// <summary>
    /// A load that shows the designs apart in a few seconds: jobs arrive faster than 4 workers can run
    /// them, so a queue of 4 stays full and refuses for most of the run, and what each design holds and
    /// where the work goes can be seen.
    /// </summary>
    public static CompareSettings Default { get; } = new(
        Jobs: 60,
        Senders: 4,
        Rate: 10,
        Delay: TimeSpan.FromSeconds(1),
        Workers: 4,
        QueueSize: 4,
        Quiet: false,
        ShutdownTimeout: null,
        Concurrent: false,
        Out: "compare.md",
        WithGo: false,
        GoSource: Path.Combine("..", "shared", "reference"),
        TimeLimit: null,
        ServerArgs: []);

    /// <summary>The picture beside the table: compare.md gets compare.html.</summary>
    public string HtmlOut => Path.ChangeExtension(Out, ".html");

    /// <summary>Job i's delay: --delay, or the gist's loop's <c>$(expr $i % 9 + 1)s</c>.</summary>
    public TimeSpan DelayOf(int i) => Delay ?? TimeSpan.FromSeconds((i % 9) + 1);

    /// <summary>A limit any healthy server meets: every job at the longest delay, one round per worker, plus start-up.</summary>
    public TimeSpan EffectiveTimeLimit
    {
        get
        {
            if (TimeLimit is { } limit)
            {
                return limit;
            }

            var longest = Delay ?? TimeSpan.FromSeconds(Math.Min(Jobs, 8) + 1);
            var rounds = (Jobs + Workers - 1) / Workers;
            return (longest * rounds) + TimeSpan.FromSeconds(30);
        }
    }

    /// <summary>The flags that repeat this run, for the reports' first line.</summary>
    public IReadOnlyList<string> ToArguments()
    {
        List<string> args = ["-n", Text(Jobs), "--parallel", Text(Senders)];
        if (Rate > 0)
        {
            args.AddRange(["--rate", Rate.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        args.AddRange(["--delay", Delay is { } delay ? GoDuration.Format(delay.Ticks * 100) : "gist"]);

        args.AddRange(["--workers", Text(Workers), "--queue", Text(QueueSize)]);
        if (Quiet)
        {
            args.Add("--quiet");
        }

        if (ShutdownTimeout is { } timeout)
        {
            args.AddRange(["--shutdown-timeout", GoDuration.Format(timeout.Ticks * 100)]);
        }

        if (Concurrent)
        {
            args.Add("--concurrent");
        }

        if (WithGo)
        {
            args.Add("--with-go");
        }

        if (TimeLimit is { } limit)
        {
            args.AddRange(["--time-limit", Text((int)limit.TotalSeconds)]);
        }

        if (ServerArgs.Count > 0)
        {
            args.Add("--");
            args.AddRange(ServerArgs);
        }

        return args;
    }

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
