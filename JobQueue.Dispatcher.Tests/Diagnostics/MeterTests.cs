using System.Diagnostics.Metrics;
using JobQueue.Engine;

namespace JobQueue.Tests.Diagnostics;

/// <summary>
/// The JobQueue.Dispatcher meter as dotnet-counters sees it. Meters are process-wide and other tests
/// run hosts in parallel, so every reading keeps to the instruments of this host's own meter.
/// </summary>
internal sealed class MeterTests
{
    private static readonly string[] CounterNames =
    [
        "jobqueue.jobs.accepted", "jobqueue.jobs.rejected", "jobqueue.jobs.started", "jobqueue.jobs.completed",
        "jobqueue.jobs.canceled", "jobqueue.jobs.never_started", "jobqueue.jobs.queued", "jobqueue.jobs.busy", "jobqueue.workers",
    ];

    private static readonly string[] LatencyNames =
    [
        "jobqueue.jobs.queue_wait.p50", "jobqueue.jobs.queue_wait.p90", "jobqueue.jobs.queue_wait.p99", "jobqueue.jobs.queue_wait.max",
        "jobqueue.jobs.run_time.p50", "jobqueue.jobs.run_time.p90", "jobqueue.jobs.run_time.p99", "jobqueue.jobs.run_time.max",
    ];

    [Test]
    public async Task Every_instrument_is_there_before_any_request()
    {
        await using var server = await DiagnosticsServer.StartAsync(EngineMode.Refactored);

        var reading = Read(server.Meter.Meter);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Meter.Meter.Name, Is.EqualTo("JobQueue.Dispatcher"));
            Assert.That(reading.Keys, Is.EquivalentTo(CounterNames.Concat(LatencyNames)));
            Assert.That(reading["jobqueue.workers"], Is.EqualTo(DiagnosticsServer.Workers));
            Assert.That(CounterNames.Where(n => n != "jobqueue.workers").Select(n => reading[n]), Is.All.Zero);
            Assert.That(LatencyNames.Select(n => reading[n]), Is.All.Zero);
        }
    }

    [TestCase(EngineMode.Original)]
    [TestCase(EngineMode.Refactored)]
    public async Task Under_load_the_meter_reads_as_debug_vars_does(EngineMode mode)
    {
        await using var server = await DiagnosticsServer.StartAsync(mode);
        await server.LoadAsync();
        await server.FinishRunningJobsAsync();

        // Nothing moves between the two reads: the fake clock stands still.
        var vars = (await server.ReadVarsAsync())["jobqueue"]!.AsObject();
        var reading = Read(server.Meter.Meter);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reading["jobqueue.jobs.accepted"], Is.EqualTo(server.Created.Count));
            Assert.That(reading["jobqueue.jobs.completed"], Is.EqualTo(DiagnosticsServer.Workers));
            Assert.That(reading["jobqueue.workers"], Is.EqualTo(vars["workers"]!.GetValue<int>()));
            foreach (var (instrument, field) in new[]
            {
                ("accepted", "accepted"), ("rejected", "rejected"), ("started", "started"), ("completed", "completed"),
                ("canceled", "canceled"), ("never_started", "neverStarted"), ("queued", "queued"), ("busy", "busy"),
            })
            {
                Assert.That(reading["jobqueue.jobs." + instrument], Is.EqualTo(DebugVarsTests.Count(vars, field)), instrument);
            }

            Assert.That(LatencyOf(reading, "queue_wait"), Is.EqualTo(DebugVarsTests.Percentiles(vars, "queueWaitMs")));
            Assert.That(LatencyOf(reading, "run_time"), Is.EqualTo(DebugVarsTests.Percentiles(vars, "runTimeMs")));
            Assert.That(LatencyOf(reading, "run_time"), Is.EqualTo(new[] { 2000.0, 2000.0, 2000.0, 2000.0 }));
        }
    }

    [Test]
    public async Task The_meter_is_disposed_with_the_host()
    {
        var server = await DiagnosticsServer.StartAsync(EngineMode.Original);
        var meter = server.Meter.Meter;
        var completed = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
            MeasurementsCompleted = (instrument, _) =>
            {
                lock (completed)
                {
                    completed.Add(instrument.Name);
                }
            },
        };
        listener.Start();

        await server.DisposeAsync();

        Assert.That(completed, Is.EquivalentTo(CounterNames.Concat(LatencyNames)));
    }

    /// <summary>One collection of every observable instrument of <paramref name="meter"/>, as dotnet-counters makes each refresh.</summary>
    private static Dictionary<string, double> Read(Meter meter)
    {
        var reading = new Dictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => reading[instrument.Name] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => reading[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return reading;
    }

    private static double[] LatencyOf(Dictionary<string, double> reading, string name) =>
        [.. new[] { "p50", "p90", "p99", "max" }.Select(p => reading[$"jobqueue.jobs.{name}.{p}"])];
}
