using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using JobQueue.HangfirePeer;

// dotnet run -c Release --project bench/HangfirePeer -- CONNECTION [CLIENTS] [SECONDS] [WORKERS]
// Prints one line: "enqueues/s drained/s p50_ms p90_ms left", the three figures bench/postgres.sh sets
// beside the shared queue's and how many jobs the drain left unrun. The schema goes in the database
// CONNECTION names; use one of its own.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: HangfirePeer CONNECTION [CLIENTS] [SECONDS] [WORKERS]");
    return 2;
}

var connection = args[0];
var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var workers = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;

// Its LISTEN/NOTIFY long polling on, and a 100 ms poll interval behind it.
var storage = new PostgreSqlStorage(
    new NpgsqlConnectionFactory(connection, new PostgreSqlStorageOptions()),
    new PostgreSqlStorageOptions
    {
        EnableLongPolling = true,
        QueuePollInterval = TimeSpan.FromMilliseconds(100),
        PrepareSchemaIfNecessary = true,
    });
GlobalConfiguration.Configuration.UseStorage(storage).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
var client = new BackgroundJobClient(storage);
var serverOptions = new BackgroundJobServerOptions { WorkerCount = workers, ServerName = "peer" };

// 1. Enqueues per second: CLIENTS threads for SECONDS, no server running, so the jobs only queue.
var enqueued = 0L;
var until = Stopwatch.StartNew();
var threads = Enumerable.Range(0, clients).Select(_ => new Thread(() =>
{
    while (until.Elapsed.TotalSeconds < seconds)
    {
        client.Enqueue(() => PeerJobs.Noop());
        Interlocked.Increment(ref enqueued);
    }
})).ToList();
threads.ForEach(t => t.Start());
threads.ForEach(t => t.Join());
var enqueuesPerSecond = enqueued / until.Elapsed.TotalSeconds;

// 2. Drain: those jobs, WORKERS workers, until the last has run (its body counted, its state written).
//    The rate runs to the last job that ran: a job Hangfire leaves Enqueued (seen here, one in a few
//    thousand) would otherwise hold the clock until the time limit. Those left are printed too.
var drain = Stopwatch.StartNew();
using (new BackgroundJobServer(serverOptions, storage))
{
    var monitor = storage.GetMonitoringApi();
    var succeeded = 0L;
    var lastRun = TimeSpan.Zero;
    while (succeeded < enqueued && drain.Elapsed - lastRun < TimeSpan.FromSeconds(10) && drain.Elapsed < TimeSpan.FromMinutes(5))
    {
        Thread.Sleep(50);
        var now = monitor.GetStatistics().Succeeded;
        if (now > succeeded)
        {
            (succeeded, lastRun) = (now, drain.Elapsed);
        }
    }

    var drainedPerSecond = succeeded / lastRun.TotalSeconds;
    var left = enqueued - succeeded;

    // 3. Idle latency: one job at a time to idle workers, from the call to Enqueue to the job's body.
    var latencies = new List<double>();
    for (var i = 0; i < 100; i++)
    {
        Thread.Sleep(50);
        var started = PeerJobs.NextStart();
        var before = Stopwatch.GetTimestamp();
        client.Enqueue(() => PeerJobs.Mark());
        if (started.Wait(TimeSpan.FromSeconds(10)))
        {
            latencies.Add(Stopwatch.GetElapsedTime(before, started.Result).TotalMilliseconds);
        }
    }

    latencies.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{enqueuesPerSecond:F0} {drainedPerSecond:F0} {Percentile(latencies, 0.5):F2} {Percentile(latencies, 0.9):F2} {left}"));
}

return 0;

static double Percentile(List<double> sorted, double q) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
