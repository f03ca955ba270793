using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace JobQueue.Engine;

/// <summary>
/// Jobs by id for GET and DELETE on /work/{id}. Jobs in flight are always here; finished ones are kept
/// up to <c>--history</c>, oldest forgotten first, so that lookups cannot grow memory without bound.
/// </summary>
/// <remarks>
/// Ids are handed out in order, so jobs live in pages of 1024 consecutive ids (<see cref="JobPage"/>)
/// rather than in a dictionary by id: adding or forgetting a job writes one slot of a page at hand,
/// where a <c>ConcurrentDictionary</c> took a lock and allocated a node each time, ~120 ns of a job's
/// ~320 ns of bookkeeping in the engine benchmarks. A page leaves once it is empty and ids have moved
/// past it; ids refused with 503 never get a page.
/// </remarks>
internal sealed class JobStore(int history)
{
    private readonly ConcurrentDictionary<long, JobPage> _pages = new();
    private readonly ConcurrentQueue<long> _finished = new();
    private int _finishedCount;

    // The page of the newest job: almost every add lands here.
    private JobPage? _newest;

    public void Add(Job job)
    {
        var number = JobPage.NumberOf(job.Id);
        while (true)
        {
            var page = Volatile.Read(ref _newest);
            if (page?.Number != number)
            {
                page = _pages.AddOrUpdate(number, static n => new JobPage(n), static (n, existing) => existing.IsSealed ? new JobPage(n) : existing);
                MoveNewest(page);
            }

            if (page.TryAdd(job))
            {
                return;
            }

            // Sealed as it emptied, just before this add: AddOrUpdate puts a new page in its place.
            Interlocked.CompareExchange(ref _newest, null, page);
        }
    }

    /// <summary>Takes back a job the engine refused: it was never accepted.</summary>
    public void Remove(Job job) => Forget(job.Id);

    /// <summary>Every job the store holds: those in flight and the finished ones kept.</summary>
    public IEnumerable<Job> Jobs => _pages.Values.SelectMany(page => page.Jobs);

    /// <summary>Pages held, 8 KiB each: what bounds the store's memory besides the jobs themselves.</summary>
    public int Pages => _pages.Count;

    public bool TryGet(long id, [NotNullWhen(true)] out Job? job)
    {
        job = _pages.TryGetValue(JobPage.NumberOf(id), out var page) ? page.Get(id) : null;
        return job is not null;
    }

    /// <summary>A finished job joins the history; the oldest one beyond the limit is forgotten.</summary>
    public void Retire(Job job)
    {
        _finished.Enqueue(job.Id);
        if (Interlocked.Increment(ref _finishedCount) > history && _finished.TryDequeue(out var oldest))
        {
            Interlocked.Decrement(ref _finishedCount);
            Forget(oldest);
        }
    }

    private void Forget(long id)
    {
        if (_pages.TryGetValue(JobPage.NumberOf(id), out var page) && page.Forget(id)
            && page != Volatile.Read(ref _newest))
        {
            // The decrement in Forget is a full fence before the read of _newest, and MoveNewest's
            // exchange is one before it looks at the page it moves from: one of the two lets it go.
            Release(page);
        }
    }

    private void MoveNewest(JobPage page)
    {
        var previous = Volatile.Read(ref _newest);
        while (previous is null || previous.Number < page.Number)
        {
            var seen = Interlocked.CompareExchange(ref _newest, page, previous);
            if (seen == previous)
            {
                if (previous is { IsEmpty: true })
                {
                    Release(previous);
                }

                return;
            }

            previous = seen;
        }
    }

    private void Release(JobPage page)
    {
        if (page.TrySeal())
        {
            _pages.TryRemove(new KeyValuePair<long, JobPage>(page.Number, page));
        }
    }
}
