using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace JobQueue.Dispatcher.Engine;

/// <summary>
/// Jobs by id for GET and DELETE on /work/{id}. Jobs in flight are always here; finished ones are kept
/// up to <c>--history</c>, oldest forgotten first, so that lookups cannot grow memory without bound.
/// </summary>
internal sealed class JobStore(int history)
{
    // The producer adds new ids while every worker removes old ones: with the default one lock per
    // processor they kept colliding on the same lock (perf: the monitor's slow path under TryRemove).
    private readonly ConcurrentDictionary<long, Job> _jobs = new(concurrencyLevel: 64, capacity: 1024);
    private readonly ConcurrentQueue<long> _finished = new();
    private int _finishedCount;

    public void Add(Job job) => _jobs[job.Id] = job;

    public void Remove(Job job) => _jobs.TryRemove(job.Id, out _);

    /// <summary>Every job the store holds: those in flight and the finished ones kept.</summary>
    public IEnumerable<Job> Jobs => _jobs.Values;

    public bool TryGet(long id, [NotNullWhen(true)] out Job? job) => _jobs.TryGetValue(id, out job);

    /// <summary>A finished job joins the history; the oldest one beyond the limit is forgotten.</summary>
    public void Retire(Job job)
    {
        _finished.Enqueue(job.Id);
        if (Interlocked.Increment(ref _finishedCount) > history && _finished.TryDequeue(out var oldest))
        {
            Interlocked.Decrement(ref _finishedCount);
            _jobs.TryRemove(oldest, out _);
        }
    }
}
