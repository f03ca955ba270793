using System.Runtime.InteropServices;

namespace JobQueue.Hosting;

/// <summary>
/// Ctrl+C or SIGTERM starts the graceful shutdown; a second one ends the process at once, still with
/// the summary line. The host's ConsoleLifetime ignores a second signal, hence this replacement.
/// </summary>
internal sealed class SignalLifetime(IHostApplicationLifetime lifetime, ShutdownSummary summary) : IHostLifetime, IDisposable
{
    /// <summary>The exit code of a forced stop: the shell's for "ended by SIGINT".</summary>
    public const int ForcedExitCode = 130;

    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

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
        if (Interlocked.Increment(ref _signals) == 1)
        {
            lifetime.StopApplication();
            return;
        }

        summary.Write();
        Environment.Exit(ForcedExitCode);
    }
}
