namespace JobQueue.Output;

/// <summary>
/// The last few console lines in a ring, for the dashboard's tail of standard output. Only the console's
/// pump adds to it, after the line is written, so a viewer never holds up the job lines.
/// </summary>
internal sealed class RecentLines(int capacity)
{
    private readonly Lock _lock = new();
    private readonly string[] _lines = new string[capacity];
    private long _added;

    public void Add(string line)
    {
        lock (_lock)
        {
            _lines[_added++ % _lines.Length] = line;
        }
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<string> Read()
    {
        lock (_lock)
        {
            var count = (int)Math.Min(_added, _lines.Length);
            var lines = new string[count];
            for (var i = 0; i < count; i++)
            {
                lines[i] = _lines[(_added - count + i) % _lines.Length];
            }

            return lines;
        }
    }
}
