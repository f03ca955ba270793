using System.Threading.Channels;

namespace JobQueue.Benchmarks;

/// <summary>
/// The floor under both engines: a bounded channel read by the same number of tasks, each item counted
/// down once. No job object, no record, no counters. Its readers are handed items through the thread
/// pool, where the in-memory queue runs a waiting taker inline (BENCHMARKS.md says what that changes).
/// </summary>
internal sealed class ChannelFloor
{
    private readonly Channel<long> _items;
    private readonly Task[] _readers;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _remaining;

    public ChannelFloor(int readers, int capacity)
    {
        _items = Channel.CreateBounded<long>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });
        _readers = new Task[readers];
        for (var i = 0; i < readers; i++)
        {
            _readers[i] = Task.Run(ReadAsync);
        }
    }

    /// <summary>Writes <paramref name="items"/> items; on a full channel the producer awaits room, as Go's send blocks.</summary>
    public async Task SubmitAndWaitAsync(int items)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _remaining, items);
        var writer = _items.Writer;
        for (long i = 0; i < items; i++)
        {
            while (!writer.TryWrite(i))
            {
                await writer.WaitToWriteAsync().ConfigureAwait(false);
            }
        }

        await _done.Task.ConfigureAwait(false);
    }

    public Task StopAsync()
    {
        _items.Writer.TryComplete();
        return Task.WhenAll(_readers);
    }

    private async Task ReadAsync()
    {
        var reader = _items.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out _))
            {
                // One shared decrement per item: the cheapest way to know the last one is done.
                if (Interlocked.Decrement(ref _remaining) == 0)
                {
                    _done.TrySetResult();
                }
            }
        }
    }
}
