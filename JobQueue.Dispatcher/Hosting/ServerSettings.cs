using System.Net;

namespace JobQueue.Dispatcher.Hosting;

/// <summary>Which of the gist's two HTTP programs runs the jobs.</summary>
internal enum EngineMode
{
    /// <summary>worker_original.go: a Dispatcher hands each job to an idle worker's own channel.</summary>
    Original,

    /// <summary>worker_refactored.go: N workers range over one shared channel.</summary>
    Refactored,
}

/// <summary>The one spelling of a mode, as <c>--mode</c> takes it and /debug/vars and the console show it.</summary>
internal static class EngineModeNames
{
    public static string Name(this EngineMode mode) => mode == EngineMode.Original ? "original" : "refactored";
}

/// <summary>Everything the command line decides for the HTTP server; the Go flags plus what the port adds.</summary>
internal sealed record ServerSettings(
    EngineMode Mode,
    int MaxWorkers,
    int MaxQueueSize,
    int Port,
    IPAddress Host,
    TimeSpan ShutdownTimeout,
    bool Quiet,
    int History)
{
    public static ServerSettings Default { get; } = new(
        EngineMode.Original, MaxWorkers: 5, MaxQueueSize: 100, Port: 8080, IPAddress.Loopback,
        ShutdownTimeout: TimeSpan.FromSeconds(30), Quiet: false, History: 10_000);
}
