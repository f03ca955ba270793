using System.Diagnostics.Metrics;
using JobQueue.Diagnostics;
using JobQueue.Queue;
using JobQueue.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace JobQueue.Tests.Postgres;

/// <summary>
/// The shared queue driven directly, as the engines drive it, against a real PostgreSQL: queue instances
/// on one database act as nodes of one cluster.
/// </summary>
public sealed class SharedQueueTests
{
    [Test]
    public async Task A_job_runs_from_enqueue_to_completed_and_every_node_sees_its_node_worker_and_attempt()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b");
        Job? seenByCallback = null;

        var accepted = await a.EnqueueAsync("job1", 2_500_000_000, job => seenByCallback = job, CancellationToken.None);
        var job = await b.TakeAndStartAsync(worker: 3);
        var status = await b.FinishAsync(job, JobOutcome.Completed);

        Assert.That(accepted.Job, Is.SameAs(seenByCallback));
        Assert.That(status, Is.EqualTo(JobStatus.Completed));
        Assert.That(job.Id, Is.EqualTo(accepted.Job!.Id));
        Assert.That((job.Name, job.DelayNanoseconds, job.Attempt), Is.EqualTo(("job1", 2_500_000_000L, 1)));
        var fromA = await a.FindAsync(job.Id, CancellationToken.None);
        Assert.That(fromA, Is.Not.Null);
        Assert.That((fromA!.Status, fromA.Node, fromA.Worker, fromA.Attempt), Is.EqualTo((JobStatus.Completed, "b", 3, 1)));
        Assert.That(fromA.StartedAt, Is.Not.Null);
        Assert.That(fromA.FinishedAt, Is.GreaterThanOrEqualTo(fromA.StartedAt));
    }

    [Test]
    public async Task Jobs_are_taken_first_come_first_served_across_nodes()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b");
        List<long> enqueued = [];
        for (var i = 1; i <= 6; i++)
        {
            enqueued.Add((await (i % 2 == 0 ? a : b).EnqueueAsync($"job{i}")).Id);
        }

        List<long> taken = [];
        for (var i = 0; i < 6; i++)
        {
            taken.Add((await (i % 3 == 0 ? a : b).TakeAndStartAsync()).Id);
        }

        Assert.That(taken, Is.EqualTo(enqueued));
    }

    [Test]
    public async Task The_bound_counts_queued_jobs_of_every_node_and_frees_a_place_when_one_is_taken()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync(SharedQueueCluster.Options("a", capacity: 2));
        var b = await cluster.StartNodeAsync(SharedQueueCluster.Options("b", capacity: 2));
        await a.EnqueueAsync("job1");
        await b.EnqueueAsync("job2");

        var full = await a.EnqueueAsync("job3", 1_000_000_000, _ => Assert.Fail("a refused job is never accepted"), CancellationToken.None);
        await b.TakeAndStartAsync();
        var room = await a.EnqueueAsync("job4", 1_000_000_000, null, CancellationToken.None);

        Assert.That(full, Is.EqualTo(EnqueueResult.Full));
        Assert.That(room.Refusal, Is.EqualTo(EnqueueRefusal.None));
        Assert.That(await cluster.ScalarAsync("SELECT count(*) FROM jobqueue.jobs"), Is.EqualTo(3L), "nothing of job3 was stored");
    }

    [Test]
    public async Task A_canceled_job_between_queued_ones_frees_its_place()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync(SharedQueueCluster.Options("a", capacity: 3));
        await a.EnqueueAsync("job1");
        var second = await a.EnqueueAsync("job2");
        await a.EnqueueAsync("job3");

        await a.CancelAsync(second.Id, CancellationToken.None);
        var fourth = await a.EnqueueAsync("job4", 1_000_000_000, null, CancellationToken.None);
        var fifth = await a.EnqueueAsync("job5", 1_000_000_000, null, CancellationToken.None);

        Assert.That(fourth.Refusal, Is.EqualTo(EnqueueRefusal.None), "three ids apart, but only two waiting");
        Assert.That(fifth, Is.EqualTo(EnqueueResult.Full));
    }

    [Test]
    public async Task The_meter_reads_the_clusters_levels_from_the_last_heartbeat()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync("a");
        await cluster.StartNodeAsync(SharedQueueCluster.Options("b") with { Workers = 4 });
        await a.EnqueueAsync("job1");
        await a.EnqueueAsync("job2");
        await a.TakeAndStartAsync();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meter = new SharedQueueMeter(services.GetRequiredService<IMeterFactory>(), a);

        await a.NextBeat;
        await a.NextBeat;
        Dictionary<string, long> reading = [];
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => reading[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.That(reading, Is.EquivalentTo(new Dictionary<string, long>
        {
            ["jobqueue.shared.queued"] = 1,
            ["jobqueue.shared.running"] = 1,
            ["jobqueue.shared.nodes"] = 2,
            ["jobqueue.shared.workers"] = 5,
        }));
    }

    [Test]
    public async Task The_list_shows_every_nodes_jobs_newest_first_in_one_state_or_all()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b");
        var first = await a.EnqueueAsync("job1");
        var second = await b.EnqueueAsync("job2");
        var third = await a.EnqueueAsync("job3");
        await b.FinishAsync(await b.TakeAndStartAsync(), JobOutcome.Completed);

        var all = await b.ListAsync(null, 10, CancellationToken.None);
        var queued = await a.ListAsync(JobStatus.Queued, 1, CancellationToken.None);
        var completed = await a.ListAsync(JobStatus.Completed, 10, CancellationToken.None);

        Assert.That(all.Select(j => j.Id), Is.EqualTo(new[] { third.Id, second.Id, first.Id }));
        Assert.That(queued.Select(j => j.Id), Is.EqualTo(new[] { third.Id }));
        Assert.That(completed.Select(j => (j.Id, j.Node)), Is.EqualTo(new[] { (first.Id, "b") }));
    }

    [Test]
    public async Task A_new_job_wakes_an_idle_node_through_notify_not_polling()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b"); // polls every 5 minutes: only NOTIFY can wake it in time
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var take = b.TakeOneAsync(timeout.Token);
        var job = await a.EnqueueAsync("job1");

        Assert.That((await take)?.Id, Is.EqualTo(job.Id));
    }

    [Test]
    public async Task A_node_starts_none_of_its_own_new_jobs_before_their_accepted_callback_has_run()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var take = a.TakeOneAsync(timeout.Token);
        var takenDuringCallback = false;

        // The callback is where a POST prints "added"; job1's row is committed by then. Another node's POST
        // wakes a's idle taker, which claims job1, the oldest; the take must still wait for the callback.
        var first = await a.EnqueueAsync("job1", 1_000_000_000, _ =>
        {
            b.EnqueueAsync("job2", 1_000_000_000, null, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            takenDuringCallback = take.Wait(TimeSpan.FromSeconds(2));
        }, CancellationToken.None);

        Assert.That(takenDuringCallback, Is.False, "a worker could print \"started\" before the job's \"added\"");
        Assert.That((await take)?.Id, Is.EqualTo(first.Job!.Id));
    }

    [Test]
    public async Task A_late_finish_from_a_node_that_lost_the_job_is_refused_and_the_new_owner_finishes_it()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        // a never beats on its own: it stands for a node frozen past --rescue-after.
        var a = await cluster.StartNodeAsync(SharedQueueCluster.Options("a") with { HeartbeatInterval = TimeSpan.FromHours(1) });
        var b = await cluster.StartNodeAsync("b");
        var job = await a.EnqueueAsync("job1");
        var onA = await a.TakeAndStartAsync();

        await cluster.SilenceAsync("a");
        var onB = await b.TakeAndStartAsync(); // rescued by b, handed to b's idle worker
        var late = await a.FinishAsync(onA, JobOutcome.Completed);
        var current = await b.FindAsync(job.Id, CancellationToken.None);
        var byOwner = await b.FinishAsync(onB, JobOutcome.Completed);
        var final = await a.FindAsync(job.Id, CancellationToken.None);

        Assert.That(onB.Id, Is.EqualTo(job.Id));
        Assert.That(onB.Attempt, Is.EqualTo(2));
        Assert.That(late, Is.EqualTo(JobStatus.Queued), "a's run no longer counts");
        Assert.That((current!.Status, current.Node, current.Attempt), Is.EqualTo((JobStatus.Running, "b", 2)));
        Assert.That(byOwner, Is.EqualTo(JobStatus.Completed));
        Assert.That((final!.Status, final.Node, final.Attempt), Is.EqualTo((JobStatus.Completed, "b", 2)));
    }

    [Test]
    public async Task A_long_job_on_a_live_node_is_never_rescued_however_old_it_gets()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b");
        var job = await a.EnqueueAsync("job1", seconds: 10);
        await a.TakeAndStartAsync();

        // An hour old, with b rescuing on every beat for twice --rescue-after meanwhile.
        await cluster.ScalarAsync($"UPDATE jobqueue.jobs SET started_at = now() - interval '1 hour' WHERE id = {job.Id}");
        for (var beats = 0; beats < 8; beats++)
        {
            await b.NextBeat;
        }

        var snapshot = await b.FindAsync(job.Id, CancellationToken.None);
        Assert.That((snapshot!.Status, snapshot.Node, snapshot.Attempt), Is.EqualTo((JobStatus.Running, "a", 1)));
    }

    [Test]
    public async Task A_dead_nodes_job_fails_after_max_attempts_instead_of_running_again()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var quiet = SharedQueueCluster.Options("a") with { HeartbeatInterval = TimeSpan.FromHours(1) };
        var a = await cluster.StartNodeAsync(quiet);
        var b = await cluster.StartNodeAsync(SharedQueueCluster.Options("b") with { MaxAttempts = 1 });
        var job = await a.EnqueueAsync("job1");
        await a.TakeAndStartAsync();

        await cluster.SilenceAsync("a");
        var failed = await b.WaitAsync(job.Id, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.That((failed!.Status, failed.Attempt, failed.Node), Is.EqualTo((JobStatus.Failed, 1, "a")));
        Assert.That(await cluster.ScalarAsync("SELECT count(*) FROM jobqueue.nodes WHERE name = 'a'"), Is.Zero, "the dead node's row is gone");
    }

    [Test]
    public async Task A_queued_job_canceled_on_any_node_is_never_taken()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b");
        var first = await a.EnqueueAsync("job1");
        var second = await a.EnqueueAsync("job2");

        var canceled = await b.CancelAsync(first.Id, CancellationToken.None);
        var again = await a.CancelAsync(first.Id, CancellationToken.None);
        var taken = await a.TakeAndStartAsync();

        Assert.That(canceled.Outcome, Is.EqualTo(CancelOutcome.CanceledQueued));
        Assert.That(canceled.Job!.Status, Is.EqualTo(JobStatus.Canceled));
        Assert.That(again.Outcome, Is.EqualTo(CancelOutcome.AlreadyEnded));
        Assert.That(taken.Id, Is.EqualTo(second.Id));
        Assert.That((await b.CancelAsync(999, CancellationToken.None)).Outcome, Is.EqualTo(CancelOutcome.NotFound));
    }

    [Test]
    public async Task A_running_job_canceled_on_another_node_stops_on_its_owner_and_the_answer_is_the_final_state()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b");
        var job = await a.EnqueueAsync("job1", seconds: 10);
        var running = await a.TakeAndStartAsync();
        var run = running.BeginRun(CancellationToken.None);
        var stopped = new TaskCompletionSource();
        run.Register(() => stopped.TrySetResult());

        var cancel = b.CancelAsync(job.Id, CancellationToken.None).AsTask();
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var recorded = await a.FinishAsync(running, JobOutcome.Canceled);
        var answer = await cancel;

        Assert.That(recorded, Is.EqualTo(JobStatus.Canceled));
        Assert.That(answer.Outcome, Is.EqualTo(CancelOutcome.CanceledRunning));
        Assert.That((answer.Job!.Status, answer.Job.Node), Is.EqualTo((JobStatus.Canceled, "a")));
    }

    [Test]
    public async Task A_cancel_the_owner_never_confirms_answers_unconfirmed_in_time()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var b = await cluster.StartNodeAsync(SharedQueueCluster.Options("b") with { CancelConfirmation = TimeSpan.FromMilliseconds(300) });
        var job = await b.EnqueueAsync("job1");
        // A node that answers nothing: registered, alive, holding the job, but no process behind it.
        await cluster.ScalarAsync("INSERT INTO jobqueue.nodes (name, workers, heartbeat_at) VALUES ('mute', 1, now() + interval '1 hour')");
        await cluster.ScalarAsync($"UPDATE jobqueue.jobs SET status = 'running', node = 'mute', node_id = (SELECT id FROM jobqueue.nodes WHERE name = 'mute'), started_at = now() WHERE id = {job.Id}");

        var answer = await b.CancelAsync(job.Id, CancellationToken.None);

        Assert.That(answer.Outcome, Is.EqualTo(CancelOutcome.Unconfirmed));
        Assert.That((answer.Job!.Status, answer.Job.Node), Is.EqualTo((JobStatus.Running, "mute")));
    }

    [Test]
    public async Task Wait_on_a_node_that_does_not_run_the_job_is_woken_by_its_end()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b"); // polls every 5 minutes: only NOTIFY can end the wait in time
        var job = await a.EnqueueAsync("job1");
        var running = await a.TakeAndStartAsync();

        var wait = b.WaitAsync(job.Id, TimeSpan.FromMinutes(1), CancellationToken.None).AsTask();
        var watching = await b.WaitAsync(job.Id, TimeSpan.Zero, CancellationToken.None);
        await WatchedAsync(cluster, job.Id);
        await a.FinishAsync(running, JobOutcome.Completed);
        var ended = await wait.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(watching!.Status, Is.EqualTo(JobStatus.Running));
        Assert.That((ended!.Status, ended.Node), Is.EqualTo((JobStatus.Completed, "a")));
    }

    [Test]
    public async Task Finished_rows_past_retention_are_deleted_and_queued_ones_kept()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync(SharedQueueCluster.Options("a") with { Retention = TimeSpan.FromMinutes(1), RetentionBatch = 2 });
        var old = new[] { await a.EnqueueAsync("old1"), await a.EnqueueAsync("old2"), await a.EnqueueAsync("old3") };
        foreach (var _ in old)
        {
            await a.FinishAsync(await a.TakeAndStartAsync(), JobOutcome.Completed);
        }

        var recent = await a.EnqueueAsync("recent");
        await a.FinishAsync(await a.TakeAndStartAsync(), JobOutcome.Completed);
        var queued = await a.EnqueueAsync("queued");
        await cluster.ScalarAsync($"UPDATE jobqueue.jobs SET finished_at = now() - interval '2 minutes' WHERE name LIKE 'old%'");

        await a.NextBeat;
        await a.NextBeat;

        foreach (var job in old)
        {
            Assert.That(await a.FindAsync(job.Id, CancellationToken.None), Is.Null, job.Name);
        }

        Assert.That((await a.FindAsync(recent.Id, CancellationToken.None))?.Status, Is.EqualTo(JobStatus.Completed));
        Assert.That((await a.FindAsync(queued.Id, CancellationToken.None))?.Status, Is.EqualTo(JobStatus.Queued));
    }

    [Test]
    public async Task Shutdown_drains_only_this_nodes_runs_and_a_run_cut_off_goes_back_for_another_node()
    {
        await using var cluster = await SharedQueueCluster.CreateAsync();
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b");
        var job = await a.EnqueueAsync("job1");
        var waiting = await a.EnqueueAsync("job2");
        var running = await a.TakeAndStartAsync();

        a.StopAccepting();
        var drained = a.WhenDrained();
        var refused = await a.EnqueueAsync("job3", 1_000_000_000, null, CancellationToken.None);
        var neverStarted = await a.StopTakingAsync();
        Assert.That(drained.IsCompleted, Is.False, "job1 still runs here");
        var recorded = await a.FinishAsync(running, JobOutcome.CutOff);
        await drained.WaitAsync(TimeSpan.FromSeconds(30));
        using var none = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var afterStop = await a.TakeOneAsync(none.Token);
        var again = await b.TakeAndStartAsync();
        var next = await b.TakeAndStartAsync();

        Assert.That(refused, Is.EqualTo(EnqueueResult.ShuttingDown));
        Assert.That(neverStarted, Is.Empty, "queued jobs stay queued for the next node");
        Assert.That(recorded, Is.EqualTo(JobStatus.Queued));
        Assert.That(afterStop, Is.Null);
        Assert.That((again.Id, again.Attempt), Is.EqualTo((job.Id, 1)), "a graceful hand-back is no failed attempt");
        Assert.That(next.Id, Is.EqualTo(waiting.Id));
    }

    private static async Task WatchedAsync(SharedQueueCluster cluster, long id)
    {
        for (var i = 0; i < 3000; i++)
        {
            if (await cluster.ScalarAsync($"SELECT watched FROM jobqueue.jobs WHERE id = {id}") is true)
            {
                return;
            }
        }

        Assert.Fail("the wait never marked the job watched");
    }
}
