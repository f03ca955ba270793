using System.Globalization;

namespace JobQueue.Compare;

/// <summary>
/// A child's threads and peak memory as the kernel counts them (/proc/{pid}/status), the same measure for
/// this program and a Go original. Sampled until disposed, so the peak of threads while it works is seen.
/// </summary>
internal sealed class ProcessWatch : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly Lock _lock = new();
    private int _peakThreads;
    private long _peakResidentBytes;

    public ProcessWatch(int pid, TimeProvider time)
    {
        _pid = pid;
        _sampling = SampleAsync(time);
    }

    /// <summary>Null where /proc is not there (not Linux).</summary>
    public int? PeakThreads
    {
        get
        {
            lock (_lock)
            {
                return _peakThreads == 0 ? null : _peakThreads;
            }
        }
    }

    /// <summary>VmHWM: the most memory the process ever had resident.</summary>
    public long? PeakResidentBytes
    {
        get
        {
            lock (_lock)
            {
                return _peakResidentBytes == 0 ? null : _peakResidentBytes;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    /// <summary>Reads once more now: the last reading before the process is stopped has the true peak.</summary>
    public void Sample()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{_pid}/status");
        }
        catch (IOException)
        {
            return; // gone, or no /proc
        }
        catch (UnauthorizedAccessException)
        {
            return;
        }

        foreach (var line in lines)
        {
            if (line.StartsWith("Threads:", StringComparison.Ordinal) && int.TryParse(line.AsSpan(8).Trim(), CultureInfo.InvariantCulture, out var threads))
            {
                lock (_lock)
                {
                    _peakThreads = Math.Max(_peakThreads, threads);
                }
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal) && long.TryParse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture, out var kib))
            {
                lock (_lock)
                {
                    _peakResidentBytes = kib * 1024;
                }
            }
        }
    }

    private async Task SampleAsync(TimeProvider time)
    {
        try
        {
            while (true)
            {
                Sample();
                await Task.Delay(Every, time, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
