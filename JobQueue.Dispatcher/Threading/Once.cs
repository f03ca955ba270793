namespace JobQueue.Threading;

/// <summary>
/// Go's <c>sync.Once</c>, for what must happen at most once however many callers race to it: the
/// shutdown line, a connection's place given back, a dispose. Unlike <c>Once.Do</c> it runs nothing
/// itself: the one caller told it is first does the work, outside the lock, so that work (a write to a
/// full pipe, say) never holds up the callers that are turned away.
/// </summary>
internal sealed class Once
{
    private readonly Lock _lock = new();
    private bool _done;

    /// <summary>True for the first caller only; false for every caller after it.</summary>
    public bool First()
    {
        lock (_lock)
        {
            if (_done)
            {
                return false;
            }

            _done = true;
            return true;
        }
    }
}
