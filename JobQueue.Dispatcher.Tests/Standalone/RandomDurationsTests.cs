using JobQueue.Standalone;

namespace JobQueue.Tests.Standalone;

public sealed class RandomDurationsTests
{
    private const long Millisecond = 1_000_000;

    [Test]
    public void A_max_of_whole_milliseconds_draws_whole_milliseconds_as_go_does()
    {
        var drawn = Draw(TimeSpan.FromSeconds(1), seed: 1, count: 5000);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(drawn, Is.All.InRange(0L, 999 * Millisecond));
            Assert.That(drawn, Is.All.Matches<long>(n => n % Millisecond == 0));
            Assert.That(drawn.Distinct().Count(), Is.GreaterThan(900), "spread over [0, 1000) ms");
        }
    }

    [Test]
    public void A_max_of_no_whole_milliseconds_draws_every_tick_below_it()
    {
        var drawn = Draw(TimeSpan.FromMicroseconds(250), seed: 2, count: 100_000);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(drawn, Is.All.InRange(0L, 249_900L));
            Assert.That(drawn, Is.All.Matches<long>(n => n % TimeSpan.NanosecondsPerTick == 0));
            Assert.That(drawn.Distinct().Count(), Is.EqualTo(2500), "every tick in [0, 250us) is reachable");
        }
    }

    [Test]
    public void A_max_of_0_always_draws_0()
    {
        Assert.That(Draw(TimeSpan.Zero, seed: null, count: 10), Is.All.Zero);
    }

    [Test]
    public void A_negative_max_is_refused()
    {
        Assert.That(() => new RandomDurations(TimeSpan.FromSeconds(-1), seed: null), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    private static long[] Draw(TimeSpan max, int? seed, int count)
    {
        var durations = new RandomDurations(max, seed);
        return [.. Enumerable.Range(0, count).Select(_ => durations.NextNanoseconds())];
    }
}
