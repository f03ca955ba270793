using JobQueue.Engine;

namespace JobQueue.Tests.Engine;

public sealed class StripedCountersTests
{
    [Test]
    public async Task Increments_from_every_thread_add_up_and_counters_stay_apart()
    {
        const int Threads = 8, PerThread = 100_000;
        var counters = new StripedCounters(counters: 3);

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                counters.Increment(0);
                if (i % 2 == 0)
                {
                    counters.Increment(2);
                }
            }
        })));

        Assert.That(counters.Read(0), Is.EqualTo(Threads * PerThread));
        Assert.That(counters.Read(1), Is.Zero);
        Assert.That(counters.Read(2), Is.EqualTo(Threads * PerThread / 2));
    }
}
