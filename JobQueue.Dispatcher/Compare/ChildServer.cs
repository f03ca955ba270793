using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace JobQueue.Compare;

/// <summary>
/// A server started as a child process: its address once it listens, every line it prints with the
/// time it arrived, and a stop by SIGTERM as a user's Ctrl+C would do it.
/// </summary>
internal sealed partial class ChildServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<string> _errorLines = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly string _name;

    private ChildServer(string name, Process process, TimeProvider time)
    {
        _name = name;
        _process = process;
        _time = time;
    }

    public int Id => _process.Id;

    /// <param name="outputLine">Each line of standard output, with the time it was read: a Go original's only record of its jobs.</param>
    public static ChildServer Start(string name, ProcessStartInfo start, TimeProvider time, Action<string, DateTimeOffset> outputLine)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildServer(name, process, time);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                outputLine(e.Data, time.GetUtcNow());
            }
        };
        process.ErrorDataReceived += (_, e) => child.OnErrorLine(e.Data);
        process.Exited += (_, _) =>
        {
            // Reads standard error to its end first, so that the message quotes the server's last line.
            process.WaitForExit();
            child._listening.TrySetException(new InvalidOperationException(child.ExitedBeforeListening()));
        };
        if (!process.Start())
        {
            throw new InvalidOperationException($"the {name} server did not start ({start.FileName})");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Standard error so far: the listening line, warnings, the shutdown summary.</summary>
    public IReadOnlyList<string> ErrorLines
    {
        get
        {
            lock (_gate)
            {
                return [.. _errorLines];
            }
        }
    }

    /// <summary>This program prints "listening on http://127.0.0.1:port" once Kestrel is bound.</summary>
    public Task<Uri> ListeningAsync(TimeSpan limit) => _listening.Task.WaitAsync(limit, _time);

    /// <summary>A Go original prints nothing when it listens: its port answers once it does.</summary>
    public async Task<Uri> AcceptingAsync(int port, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + limit;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(ExitedBeforeListening());
            }

            try
            {
                using TcpClient probe = new();
                await probe.ConnectAsync("127.0.0.1", port, cancellationToken);
                return new Uri($"http://127.0.0.1:{port}");
            }
            catch (SocketException) when (_time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken);
            }
        }
    }

    /// <summary>
    /// SIGTERM, then the exit code once it has drained and exited. A server still running after
    /// <paramref name="grace"/> gets a second SIGTERM (this program's "stop now"), then SIGKILL.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, SigTerm);
            if (!await ExitedWithinAsync(grace))
            {
                _ = Kill(_process.Id, SigTerm);
                if (!await ExitedWithinAsync(TimeSpan.FromSeconds(5)))
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }

        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnErrorLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _errorLines.Add(line);
        }

        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private async Task<bool> ExitedWithinAsync(TimeSpan limit)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(limit, _time);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private string ExitedBeforeListening()
    {
        var last = ErrorLines.LastOrDefault();
        return $"the {_name} server exited before it listened{(last is null ? "" : ": " + last)}";
    }

    private const int SigTerm = 15;

    // .NET sends SIGKILL (Process.Kill) but not SIGTERM; libc's kill(2) does.
    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"^listening on (http://\S+)")]
    private static partial Regex Listening();
}
