using JobQueue.Engine;

namespace JobQueue.Tests.Engine;

/// <summary>Jobs by id for GET and DELETE on /work/{id}: in flight always, finished up to --history.</summary>
public sealed class JobStoreTests
{
    [Test]
    public void A_job_in_flight_is_found_by_its_id_however_many_jobs_pass_it()
    {
        var store = new JobStore(history: 10);
        var longJob = NewJob(1);
        store.Add(longJob);
        for (long id = 2; id <= 50_000; id++)
        {
            var job = NewJob(id);
            store.Add(job);
            store.Retire(job);
        }

        Assert.That(store.TryGet(1, out var found), Is.True);
        Assert.That(found, Is.SameAs(longJob));
        Assert.That(store.TryGet(50_001, out _), Is.False, "an id not handed out yet");
    }

    [Test]
    public void Finished_jobs_beyond_the_history_are_forgotten_oldest_first()
    {
        var store = new JobStore(history: 3);
        for (long id = 1; id <= 5; id++)
        {
            var job = NewJob(id);
            store.Add(job);
            store.Retire(job);
        }

        Assert.That(Enumerable.Range(1, 5).Select(id => store.TryGet(id, out _)), Is.EqualTo(new[] { false, false, true, true, true }));
    }

    [Test]
    public void A_refused_job_is_taken_back_and_not_found()
    {
        var store = new JobStore(history: 3);
        var refused = NewJob(1);
        store.Add(refused);
        store.Remove(refused);

        Assert.That(store.TryGet(1, out _), Is.False);
        Assert.That(store.Jobs, Is.Empty);
    }

    [Test]
    public void Pages_are_let_go_once_their_jobs_are_forgotten_so_memory_stays_bounded()
    {
        // Ids refused with 503 are handed out but never stored: every tenth id here is accepted.
        var store = new JobStore(history: 100);
        for (long id = 1; id <= 1_000_000; id++)
        {
            var job = NewJob(id);
            store.Add(job);
            if (id % 10 == 0)
            {
                store.Retire(job);
            }
            else
            {
                store.Remove(job);
            }
        }

        // 100 finished jobs, 10 ids apart, span two pages of 1024 ids; the newest page may stay.
        Assert.That(store.Pages, Is.LessThanOrEqualTo(3));
        Assert.That(store.Jobs.Count(), Is.EqualTo(100));
        Assert.That(store.TryGet(1_000_000, out _), Is.True);
        Assert.That(store.TryGet(999_000, out _), Is.False);
    }

    [Test]
    public async Task Jobs_added_and_retired_from_many_threads_are_each_findable_until_the_history_forgets_them()
    {
        const int Threads = 4, PerThread = 50_000, History = 1000;
        var store = new JobStore(History);
        long lastId = 0;
        var missing = 0;

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                var job = NewJob(Interlocked.Increment(ref lastId));
                store.Add(job);
                if (!store.TryGet(job.Id, out var found) || found != job)
                {
                    Interlocked.Increment(ref missing);
                }

                if (job.Id % 3 == 0)
                {
                    store.Remove(job);
                }
                else
                {
                    store.Retire(job);
                }
            }
        })));

        Assert.That(missing, Is.Zero, "a job in flight could not be found");
        Assert.That(store.Jobs.Count(), Is.EqualTo(History));
        Assert.That(store.Pages, Is.LessThanOrEqualTo(4), "1000 finished jobs span at most three pages, plus the newest");
    }

    private static Job NewJob(long id) => new(id, $"job{id}", 1_000_000_000, DateTimeOffset.UnixEpoch);
}
