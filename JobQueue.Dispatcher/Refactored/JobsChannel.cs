using System.Collections.Concurrent;
using JobQueue.Dispatcher.Engine;

namespace JobQueue.Dispatcher.Refactored;

/// <summary>
/// worker_refactored.go's <c>jobs := make(chan job, maxQueueSize)</c>: a buffered channel that every
/// worker receives from. A send into a full buffer fails at once (the server answers 503), where
/// Go's handler parks a goroutine per job.
/// </summary>
/// <remarks>
/// Why not <c>Channel&lt;Job&gt;</c>: its one lock is taken by the sender and by every receiver on
/// every job, and with the workers on all cores that lock's contention cost more than all the per-job
/// bookkeeping (perf put ~30% of the samples in the runtime's monitor spin). Here the jobs wait in a
/// lock-free queue bounded by one counter, and only a worker that finds the buffer empty and parks, or
/// the sender that wakes it, touches anything more.
/// </remarks>
internal sealed class JobsChannel(int capacity)
{
    private readonly ConcurrentQueue<Job> _buffer = new();
    private readonly SemaphoreSlim _wake = new(0);
    private int _count;
    private int _parked;
    private volatile bool _closed;
    private volatile bool _stopped;

    /// <summary>True once <see cref="Stop"/> has been called: receivers leave, whatever is buffered stays.</summary>
    public bool IsStopped => _stopped;

    /// <summary>
    /// Takes a place in the buffer for one job, or false when the buffer is full or the channel closed.
    /// Separate from <see cref="Send"/> so that the sender can print Go's "added" line, which Go prints
    /// before its send, knowing the send will succeed and before any worker can print "started".
    /// </summary>
    public bool TryReserve()
    {
        // Read before the increment, so that a full buffer under overload costs each refused send no write.
        if (_closed || Volatile.Read(ref _count) >= capacity)
        {
            return false;
        }

        if (Interlocked.Increment(ref _count) > capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        return true;
    }

    /// <summary><c>jobs &lt;- job</c> into the place <see cref="TryReserve"/> took.</summary>
    public void Send(Job job)
    {
        // The enqueue is a full fence before WakeOne reads _parked; a parking worker's increment of
        // _parked is one before it looks at the buffer again. So either it sees this job or this sees it.
        _buffer.Enqueue(job);
        WakeOne();
    }

    public bool TryReceive(out Job job)
    {
        if (!_buffer.TryDequeue(out job!))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        return true;
    }

    /// <summary>
    /// Completes with true when the buffer holds a job (another worker may take it first) and with false
    /// once the channel is stopped. A worker that finds it empty parks until a send or Stop wakes it.
    /// </summary>
    public async ValueTask<bool> WaitToReceiveAsync()
    {
        while (true)
        {
            if (_stopped)
            {
                return false;
            }

            if (!_buffer.IsEmpty)
            {
                return true;
            }

            Interlocked.Increment(ref _parked);
            if ((!_buffer.IsEmpty || _stopped) && TryUnpark())
            {
                continue;
            }

            // Parked, or a sender took every registration first and its permit is on the way.
            await _wake.WaitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Go's <c>close(jobs)</c> as the server uses it: no more sends; receivers drain what is buffered.</summary>
    public void Close() => _closed = true;

    /// <summary>Closes the channel and sends every receiver away, parked or not; buffered jobs stay for the caller.</summary>
    public void Stop()
    {
        _closed = true;
        _stopped = true;
        Interlocked.MemoryBarrier();
        var parked = Interlocked.Exchange(ref _parked, 0);
        if (parked > 0)
        {
            _wake.Release(parked);
        }
    }

    private void WakeOne()
    {
        if (TryUnpark())
        {
            _wake.Release();
        }
    }

    /// <summary>
    /// Takes one registration of a parked worker. Registrations are not named: a worker that takes one
    /// back may have taken another's, and then the permit released for its own wakes that other.
    /// </summary>
    private bool TryUnpark()
    {
        var parked = Volatile.Read(ref _parked);
        while (parked > 0)
        {
            var seen = Interlocked.CompareExchange(ref _parked, parked - 1, parked);
            if (seen == parked)
            {
                return true;
            }

            parked = seen;
        }

        return false;
    }
}
