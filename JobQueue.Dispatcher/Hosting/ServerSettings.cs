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
}
