using System.Diagnostics;
using System.Runtime.InteropServices;

namespace JobQueue.Hosting;

/// <summary>
/// Ctrl+C or SIGTERM starts the graceful shutdown; a second one ends the process at once, still with
/// the summary line. The host's ConsoleLifetime ignores a second signal, hence this replacement.
/// </summary>
/// <remarks>
/// One request to stop often arrives as two signals: <c>dotnet run</c> passes its SIGTERM on to the
/// program, and so do shells and supervisors, while a SIGTERM to the process group (systemd's default
/// KillMode, <c>kill -TERM -- -PGID</c>) also reaches the program itself. A signal within
/// <see cref="SameRequest"/> of the first is that same request, not an order to stop at once.
/// </remarks>
internal sealed class SignalLifetime(IHostApplicationLifetime lifetime, ShutdownSummary summary) : IHostLifetime, IDisposable
{
    /// <summary>The exit code of a forced stop: the shell's for "ended by SIGINT".</summary>
    public const int ForcedExitCode = 130;

    /// <summary>Long enough for a parent to pass a signal on, short enough for a person's second Ctrl+C.</summary>
    public static readonly TimeSpan SameRequest = TimeSpan.FromSeconds(1);

    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly Lock _gate = new();
    private long _firstSignal;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _registrations.ForEach(r => r.Dispose());

    private void OnSignal(PosixSignalContext context)
    {
        // The runtime's default for these signals is to end the process: the host decides instead.
        context.Cancel = true;
        bool first;
        lock (_gate)
        {
            first = _firstSignal == 0;
            if (first)
            {
                _firstSignal = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(_firstSignal) < SameRequest)
            {
                return;
            }
        }

        if (first)
        {
            lifetime.StopApplication();
            return;
        }

        summary.Write();
        Environment.Exit(ForcedExitCode);
    }
}
