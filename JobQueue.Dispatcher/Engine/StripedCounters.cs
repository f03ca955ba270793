using System.Numerics;

namespace JobQueue.Engine;

/// <summary>
/// Counters that workers bump on every job. With one shared long per counter, every core that runs a
/// worker writes the same cache line on every job, and the line travels between the cores each time.
/// Here each processor bumps its own row, 128 bytes or more from the next; a reading sums the rows.
/// </summary>
internal sealed class StripedCounters
{
    private static readonly int Rows = (int)BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount);
    private readonly long[] _cells;
    private readonly int _rowLength;

    public StripedCounters(int counters)
    {
        // At least 16 longs (128 bytes, two cache lines with the adjacent-line prefetch) between rows.
        _rowLength = (counters + 31) & ~15;
        _cells = new long[Rows * _rowLength];
    }

    public void Increment(int counter) =>
        Interlocked.Increment(ref _cells[((Thread.GetCurrentProcessorId() & (Rows - 1)) * _rowLength) + counter]);

    /// <summary>
    /// The sum of every row. Each row only grows, so the sum lies between the totals at the start and
    /// at the end of the reading: read counters in the reverse order of a job's life to keep them consistent.
    /// </summary>
    public long Read(int counter)
    {
        long sum = 0;
        for (var row = 0; row < Rows; row++)
        {
            sum += Volatile.Read(ref _cells[(row * _rowLength) + counter]);
        }

        return sum;
    }
}
