using System.Net;
using JobQueue.Engine;

namespace JobQueue.Hosting;

/// <summary>Everything the command line decides for the HTTP server; the Go flags plus what the port adds.</summary>
internal sealed record ServerSettings(
    EngineMode Mode,
    int MaxWorkers,
    int MaxQueueSize,
    int Port,
    IPAddress Host,
    TimeSpan ShutdownTimeout,
    bool Quiet,
    int History,
    int? MaxConnections = null,
    string? Token = null)
{
    public static ServerSettings Default { get; } = new(
        EngineMode.Original, MaxWorkers: 5, MaxQueueSize: 100, Port: 8080, IPAddress.Loopback,
        ShutdownTimeout: TimeSpan.FromSeconds(30), Quiet: false, History: 10_000);

    /// <summary>--postgres (else JOBQUEUE_POSTGRES): where the shared queue lives; null keeps the queue in memory.</summary>
    public string? Postgres { get; init; }

    /// <summary>--node: this process's name in the shared queue, shown in GET /work/{id} and /debug/vars.</summary>
    public string Node { get; init; } = DefaultNode;

    /// <summary>--rescue-after: a node silent this long is dead and its running jobs go back to the queue.</summary>
    public TimeSpan RescueAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>--max-attempts: a job whose node died this many times ends failed.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>--retention: how long the shared queue keeps finished jobs.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>host-pid: unique on one machine and across machines with distinct names.</summary>
    public static string DefaultNode => $"{Environment.MachineName}-{Environment.ProcessId}";
}
