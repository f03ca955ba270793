using System.Text;
using System.Threading.Channels;
using JobQueue.Threading;

namespace JobQueue.Output;

/// <summary>
/// The per-job console lines (Go's <c>fmt.Printf</c> to standard output). Lines are queued and one
/// pump writes them through a buffer, flushing whenever the queue runs dry: a quiet server shows
/// each line at once, a busy one pays one write system call per batch instead of one per line.
/// </summary>
/// <remarks>
/// Nothing on standard output can hold up the server. Go's Printf blocks the goroutine when nobody
/// reads stdout; here the queue is bounded (<see cref="MaxBufferedChars"/>) and a line that does not
/// fit is dropped and counted (<see cref="DroppedLines"/>), said once on standard error. A write that
/// fails (stdout on /dev/full, a closed pipe) stops the job lines, with one warning. The pump has a
/// thread of its own, since a write to a full pipe blocks the thread that makes it, and a flush
/// gives up once stdout has taken nothing for <see cref="StallLimit"/>.
/// </remarks>
internal sealed class JobConsole : IAsyncDisposable
{
    /// <summary>About a megabyte of text: thousands of lines, enough for any burst a reader keeps up with.</summary>
    public const int MaxBufferedChars = 1 << 20;

    /// <summary>How long a flush waits for a standard output that takes nothing.</summary>
    public static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(1);

    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TextWriter _writer;
    private readonly TextWriter _error;
    private readonly Task _pump;
    private readonly RecentLines _recent = new(RecentCapacity);
    private readonly Lock _gate = new();
    private readonly List<(long Count, TaskCompletionSource Reached)> _waiters = [];
    private long _bufferedChars;
    private long _accepted;
    private long _handled;
    private long _progress;
    private long _dropped;
    private readonly Once _saidDropping = new();
    // Canceled once standard output fails: a one-way flag, and from then on every line is dropped.
    private readonly CancellationTokenSource _stopped = new();

    public JobConsole(TextWriter writer, bool quiet = false, TextWriter? error = null)
    {
        _writer = writer;
        _error = error ?? TextWriter.Null;
        Quiet = quiet;
        _pump = Task.Factory.StartNew(Pump, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>--quiet: per-job lines are dropped, the rest of the program is unchanged.</summary>
    public bool Quiet { get; }

    /// <summary>How many of the last lines <see cref="Recent"/> keeps: what the dashboard shows.</summary>
    public const int RecentCapacity = 20;

    /// <summary>The last lines written, oldest first: the tail of standard output, for the dashboard.</summary>
    public IReadOnlyList<string> Recent() => _recent.Read();

    /// <summary>Job lines never written: standard output did not keep up, or could not be written at all.</summary>
    public long DroppedLines => Interlocked.Read(ref _dropped);

    /// <summary>Standard output through a 64 KiB buffer; the pump decides when to flush, not each write.</summary>
    public static JobConsole ForStandardOutput(bool quiet, TextWriter? error = null)
    {
        error ??= Console.Error;
        if (quiet)
        {
            return new(TextWriter.Null, quiet, error);
        }

        if (StandardOutput.Open(out var problem) is not { } stdout)
        {
            var closed = new JobConsole(TextWriter.Null, quiet, error);
            closed.Stop(problem!);
            return closed;
        }

        return new(new StreamWriter(stdout, new UTF8Encoding(false), 1 << 16) { AutoFlush = false }, quiet, error);
    }

    /// <summary>
    /// Formats the line only when it will be written: with --quiet, a busy engine would otherwise
    /// build a string per line only to throw it away. Pass a static lambda.
    /// </summary>
    public void WriteLine<TState>(TState state, Func<TState, string> format)
    {
        if (Quiet)
        {
            return;
        }

        if (_stopped.IsCancellationRequested)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        var line = format(state);
        var size = line.Length + 1;
        if (Interlocked.Add(ref _bufferedChars, size) > MaxBufferedChars)
        {
            Interlocked.Add(ref _bufferedChars, -size);
            Drop();
            return;
        }

        if (_lines.Writer.TryWrite(line))
        {
            Interlocked.Increment(ref _accepted);
        }
        else
        {
            Interlocked.Add(ref _bufferedChars, -size); // after DisposeAsync: nothing will take it
        }
    }

    /// <summary>
    /// Completes once every line written before the call is on the underlying writer, or cannot be:
    /// the job lines have stopped, or standard output took nothing for <see cref="StallLimit"/>.
    /// </summary>
    public async Task FlushAsync()
    {
        var reached = WhenHandled(Interlocked.Read(ref _accepted));
        while (!reached.IsCompleted)
        {
            var progress = Interlocked.Read(ref _progress);
            try
            {
                await reached.WaitAsync(StallLimit).ConfigureAwait(false);
            }
            catch (TimeoutException) when (progress == Interlocked.Read(ref _progress))
            {
                return; // stdout is stuck: the caller (the drain, the exit) must not be
            }
            catch (TimeoutException)
            {
            }
        }
    }

    /// <summary>Writes what is queued, unless standard output is stuck; says how many lines it could not write.</summary>
    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await FlushAsync().ConfigureAwait(false);
        var unwritten = Interlocked.Read(ref _accepted) - Interlocked.Read(ref _handled);
        if (unwritten <= 0)
        {
            // Everything is handled, so the pump is ending; a stuck one is left to the process's exit.
            await _pump.ConfigureAwait(false);
        }
        else if (!_stopped.IsCancellationRequested)
        {
            Interlocked.Add(ref _dropped, unwritten);
            Warn($"warning: {unwritten} job lines were not written: standard output did not take them");
        }
    }

    private void Pump()
    {
        var reader = _lines.Reader;
        while (WaitToRead(reader))
        {
            long taken = 0;
            long unflushed = 0;
            while (reader.TryRead(out var line))
            {
                Interlocked.Add(ref _bufferedChars, -(line.Length + 1));
                taken++;
                if (_stopped.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _dropped);
                    continue;
                }

                try
                {
                    // Go's Printf ends lines with "\n" on every platform, not Environment.NewLine.
                    unflushed++;
                    _writer.Write(line);
                    _writer.Write('\n');
                    _recent.Add(line);
                }
                catch (Exception e) when (IsWriteFailure(e))
                {
                    Fail(e, ref unflushed);
                }

                Interlocked.Increment(ref _progress);
            }

            try
            {
                if (!_stopped.IsCancellationRequested)
                {
                    _writer.Flush();
                }
            }
            catch (Exception e) when (IsWriteFailure(e))
            {
                Fail(e, ref unflushed);
            }

            Handled(taken);
        }
    }

    // The pump must never die silently: any failure to write stops the job lines, said once. What
    // the writer held unflushed is lost with it.
    private void Fail(Exception e, ref long unflushed)
    {
        Interlocked.Add(ref _dropped, unflushed);
        unflushed = 0;
        Stop($"cannot write to standard output ({e.GetType().Name}: {e.Message})");
    }

    private static bool IsWriteFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException;

    private void Stop(string reason)
    {
        _stopped.Cancel();
        Warn($"warning: job lines stopped: {reason}");
    }

    private void Drop()
    {
        Interlocked.Increment(ref _dropped);
        if (!_saidDropping.First())
        {
            return;
        }

        // Not on the engine's thread: standard error may be slow too.
        ThreadPool.QueueUserWorkItem(_ => Warn(
            "warning: standard output is not keeping up: job lines are dropped and counted (jobLinesDropped in /debug/vars)"));
    }

    private void Warn(string line)
    {
        try
        {
            _error.WriteLine(line.ReplaceLineEndings(" "));
            _error.Flush();
        }
        catch (IOException)
        {
            // Standard error is gone too: nothing left to tell.
        }
    }

    private Task WhenHandled(long count)
    {
        lock (_gate)
        {
            if (Interlocked.Read(ref _handled) >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    private void Handled(long taken)
    {
        lock (_gate)
        {
            var handled = Interlocked.Add(ref _handled, taken);
            Interlocked.Increment(ref _progress);
            _waiters.RemoveAll(w => w.Count <= handled && w.Reached.TrySetResult());
        }
    }

    // The pump's thread is its own, made to block: here between batches, and in a write to a full pipe.
    private static bool WaitToRead(ChannelReader<string> reader) => reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();
}
