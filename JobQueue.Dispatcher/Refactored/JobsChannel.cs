using System.Collections.Concurrent;
using JobQueue.Engine;

namespace JobQueue.Refactored;

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
/// the sender that wakes it, takes a lock. The wake runs the parked worker inline (see
/// <see cref="JobChannel"/>), which is what brings the hand-off to Go's speed.
/// </remarks>
internal sealed class JobsChannel(int capacity)
{
    private readonly ConcurrentQueue<Job> _buffer = new();
    private readonly Lock _gate = new();

    // First parked, first woken, as Go queues a channel's waiting receivers: work rotates over the pool.
    private readonly Queue<JobChannel> _parkedWorkers = new();
    private int _count;

    // _parkedWorkers.Count, readable without the lock: every send looks at it.
    private volatile int _parked;
    private volatile bool _closed;
    private volatile bool _stopped;

    /// <summary>True once <see cref="Stop"/> has been called: workers leave, whatever is buffered stays.</summary>
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
        // As Go's send to a channel with a waiting receiver: the job goes straight to a parked worker.
        if (TryUnpark() is { } worker)
        {
            // It never took the place it reserved in the buffer.
            Interlocked.Decrement(ref _count);
            worker.Send(job);
            return;
        }

        // The enqueue is a full fence before WakeOne reads _parked again.
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
    /// Parks a worker that found the buffer empty, until a send or <see cref="Stop"/> wakes it through
    /// <paramref name="worker"/>; the caller then awaits <see cref="JobChannel.ReceiveAsync"/>. False
    /// when the channel is stopped: the worker leaves.
    /// </summary>
    /// <remarks>Not an async method: the worker's own loop awaits, so a park allocates nothing.</remarks>
    public bool Park(JobChannel worker)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return false;
            }

            _parkedWorkers.Enqueue(worker);
            _parked = _parkedWorkers.Count;
        }

        // Parked before looking at the buffer again, with a full fence between; a sender enqueues
        // before it looks for a parked worker. So a job sent meanwhile is seen by one side or both,
        // and then some parked worker, this one or another, is woken for it.
        Interlocked.MemoryBarrier();
        if (!_buffer.IsEmpty)
        {
            WakeOne();
        }

        return true;
    }

    /// <summary>Go's <c>close(jobs)</c> as the server uses it: no more sends; receivers drain what is buffered.</summary>
    public void Close() => _closed = true;

    /// <summary>Closes the channel and sends every worker away, parked or not; buffered jobs stay for the caller.</summary>
    public void Stop()
    {
        JobChannel[] parked;
        lock (_gate)
        {
            _closed = true;
            _stopped = true;
            parked = [.. _parkedWorkers];
            _parkedWorkers.Clear();
            _parked = 0;
        }

        foreach (var worker in parked)
        {
            worker.Wake();
        }
    }

    /// <summary>Wakes a parked worker, if any, to look at the buffer.</summary>
    private void WakeOne() => TryUnpark()?.Wake();

    private JobChannel? TryUnpark()
    {
        if (_parked == 0)
        {
            return null;
        }

        JobChannel? worker;
        lock (_gate)
        {
            if (!_parkedWorkers.TryDequeue(out worker))
            {
                return null;
            }

            _parked = _parkedWorkers.Count;
        }

        // Woken outside the lock: the worker runs inline from its wake until it next waits.
        return worker;
    }
}
