namespace JobQueue.Engine;

/// <summary>
/// One page of <see cref="JobStore"/>: the slots of 1024 consecutive job ids, each written by the job's
/// own add and forget, and a count of the jobs held. A page that has emptied is sealed before the store
/// lets it go, so that no add can land in a page that is leaving.
/// </summary>
internal sealed class JobPage(long number)
{
    public const int Bits = 10;

    private readonly Job?[] _slots = new Job?[1 << Bits];

    // Jobs held; -1 once sealed.
    private int _live;

    public long Number { get; } = number;

    public bool IsSealed => Volatile.Read(ref _live) < 0;

    public bool IsEmpty => Volatile.Read(ref _live) == 0;

    public IEnumerable<Job> Jobs => _slots.Where(job => job is not null).Select(job => job!);

    public static long NumberOf(long id) => id >> Bits;

    /// <summary>False when the page is sealed: the store must put the job in the page that replaces it.</summary>
    public bool TryAdd(Job job)
    {
        var live = Volatile.Read(ref _live);
        while (true)
        {
            if (live < 0)
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _live, live + 1, live);
            if (seen == live)
            {
                break;
            }

            live = seen;
        }

        Volatile.Write(ref _slots[SlotOf(job.Id)], job);
        return true;
    }

    public Job? Get(long id) => Volatile.Read(ref _slots[SlotOf(id)]) is { } job && job.Id == id ? job : null;

    /// <summary>Empties the job's slot; true when that left the page empty.</summary>
    public bool Forget(long id) =>
        Interlocked.Exchange(ref _slots[SlotOf(id)], null) is not null && Interlocked.Decrement(ref _live) == 0;

    /// <summary>Seals an empty page; false when it holds a job again, or is sealed already.</summary>
    public bool TrySeal() => Interlocked.CompareExchange(ref _live, -1, 0) == 0;

    private static int SlotOf(long id) => (int)(id & ((1 << Bits) - 1));
}
