using System.Net;
using JobQueue.Postgres;
using JobQueue.Tests.Support;
using Npgsql;

namespace JobQueue.Tests.Postgres;

/// <summary>
/// The shared queue as users run it: several processes of the program on one database, killed, frozen
/// and restarted with real signals. Every job runs to completion exactly once, whatever happens to a node.
/// </summary>
public sealed class NodeProcessTests
{
    // The job a node is killed or frozen in: the signal must land before its run ends, or there is no
    // rescue to see. The test sends it after two GETs from another process, which a loaded machine can
    // hold up for seconds: with a 3 s job the run sometimes ended first, and the other node then
    // waited in vain for a job that was already completed.
    private const string LongerThanTheTestCanBeLate = "10s";

    [Test]
    public async Task Two_nodes_share_the_jobs_and_wait_answers_on_the_node_that_did_not_run_the_job()
    {
        var database = await NewDatabaseAsync();
        await using var a = await NodeProcess.StartAsync(database, "a");
        await using var b = await NodeProcess.StartAsync(database, "b");

        var ids = await PostAsync(a, count: 4, "1s");
        var ends = await Task.WhenAll(ids.Select(id => b.GetAsync(id, "30s")));

        Assert.That(ends, Has.All.Contains("\"status\":\"completed\""));
        Assert.That(ends.Count(e => e.Contains("\"node\":\"a\"", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(1), "b waited on jobs it did not run");
        Assert.That(ends.Count(e => e.Contains("\"node\":\"b\"", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(1));
        await AssertEachCompletedOnceAsync([a, b], count: 4);
    }

    [Test]
    public async Task Three_nodes_each_run_jobs_and_every_job_runs_exactly_once()
    {
        var database = await NewDatabaseAsync();
        await using var a = await NodeProcess.StartAsync(database, "a");
        await using var b = await NodeProcess.StartAsync(database, "b");
        await using var c = await NodeProcess.StartAsync(database, "c");

        var ids = await PostAsync(c, count: 6, "1s");
        var ends = await Task.WhenAll(ids.Select(id => a.GetAsync(id, "30s")));

        Assert.That(ends, Has.All.Contains("\"status\":\"completed\""));
        foreach (var node in (string[])["a", "b", "c"])
        {
            Assert.That(ends.Count(e => e.Contains($"\"node\":\"{node}\"", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(1), node);
        }

        await AssertEachCompletedOnceAsync([a, b, c], count: 6);
    }

    [Test]
    public async Task A_node_killed_mid_job_loses_nothing_another_node_runs_it_again()
    {
        var database = await NewDatabaseAsync();
        await using var a = await NodeProcess.StartAsync(database, "a");
        await using var b = await NodeProcess.StartAsync(database, "b");
        var id = await a.PostAsync("job1", LongerThanTheTestCanBeLate);
        var (runner, other) = await RunnerAsync(id, a, b);

        runner.Signal(NodeProcess.SigKill);
        var end = await other.GetAsync(id, "30s");

        Assert.That(end, Does.Contain("\"status\":\"completed\"").And.Contain($"\"node\":\"{other.Name}\"").And.Contain("\"attempt\":2"));
        await other.Output.WhenLine("worker1: completed job1!");
        Assert.That(other.Count("worker1: completed job1!"), Is.EqualTo(1));
        Assert.That(runner.Count("worker1: completed job1!"), Is.Zero);
    }

    [Test]
    public async Task A_node_frozen_past_rescue_after_never_completes_the_job_it_lost()
    {
        var database = await NewDatabaseAsync();
        await using var a = await NodeProcess.StartAsync(database, "a");
        await using var b = await NodeProcess.StartAsync(database, "b");
        var id = await a.PostAsync("job1", LongerThanTheTestCanBeLate);
        var (frozen, other) = await RunnerAsync(id, a, b);

        frozen.Signal(NodeProcess.SigStop);
        var rescued = await other.WhenRunningOnAsync(id, other.Name);
        frozen.Signal(NodeProcess.SigCont);
        await frozen.Output.WhenLine("worker1: returned job1 to the queue!");
        var end = await other.GetAsync(id, "30s");

        Assert.That(rescued, Does.Contain("\"attempt\":2"));
        Assert.That(end, Does.Contain("\"status\":\"completed\"").And.Contain($"\"node\":\"{other.Name}\"").And.Contain("\"attempt\":2"));
        Assert.That(frozen.Count("worker1: completed job1!"), Is.Zero, "the frozen node's run was no longer its own");
        await other.Output.WhenLine("worker1: completed job1!");
        Assert.That(other.Count("worker1: completed job1!"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_delete_on_one_node_stops_the_job_running_on_another()
    {
        var database = await NewDatabaseAsync();
        await using var a = await NodeProcess.StartAsync(database, "a");
        await using var b = await NodeProcess.StartAsync(database, "b");
        var id = await a.PostAsync("job1", "10s");
        var (runner, other) = await RunnerAsync(id, a, b);

        using var response = await other.Client.DeleteAsync($"/work/{id}");
        var body = await response.Content.ReadAsStringAsync();
        await runner.Output.WhenLine("worker1: canceled job1!");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Contain("\"status\":\"canceled\"").And.Contain($"\"node\":\"{runner.Name}\""));
    }

    [Test]
    public async Task Every_node_restarted_with_jobs_queued_and_running_loses_none()
    {
        var database = await NewDatabaseAsync();
        long[] ids;
        await using (var a = await NodeProcess.StartAsync(database, "a", "--shutdown-timeout", "0s"))
        await using (var b = await NodeProcess.StartAsync(database, "b", "--shutdown-timeout", "0s"))
        {
            ids = await PostAsync(a, count: 6, "2s");
            await a.WhenRunningAsync(ids[0]);
            await a.WhenRunningAsync(ids[1]);

            a.Signal(NodeProcess.SigTerm);
            b.Signal(NodeProcess.SigTerm);
            Assert.That(await a.ExitCodeAsync(), Is.Zero);
            Assert.That(await b.ExitCodeAsync(), Is.Zero);
            Assert.That(a.Output.Lines.Count(l => l.EndsWith(" to the queue!", StringComparison.Ordinal)), Is.EqualTo(1), a.Output.Text);
            Assert.That(b.Output.Lines.Count(l => l.EndsWith(" to the queue!", StringComparison.Ordinal)), Is.EqualTo(1), b.Output.Text);
        }

        await using var c = await NodeProcess.StartAsync(database, "c");
        await using var d = await NodeProcess.StartAsync(database, "d");
        var ends = await Task.WhenAll(ids.Select(id => c.GetAsync(id, "30s")));

        Assert.That(ends, Has.All.Contains("\"status\":\"completed\""));
        await AssertEachCompletedOnceAsync([c, d], count: 6);
    }

    [Test]
    public async Task At_shutdown_each_node_says_its_waiting_jobs_stay_queued_in_PostgreSQL_and_accounts_for_its_runs()
    {
        var database = await NewDatabaseAsync();
        await using var a = await NodeProcess.StartAsync(database, "a", "--shutdown-timeout", "0s");
        await using var b = await NodeProcess.StartAsync(database, "b", "--shutdown-timeout", "0s");
        var ids = await PostAsync(a, count: 4, "10s");
        await a.WhenRunningAsync(ids[0]);
        await a.WhenRunningAsync(ids[1]);

        // One at a time, so that a counts b's job as back in the queue; a's one worker is busy meanwhile.
        b.Signal(NodeProcess.SigTerm);
        Assert.That(await b.ExitCodeAsync(), Is.Zero);
        a.Signal(NodeProcess.SigTerm);
        Assert.That(await a.ExitCodeAsync(), Is.Zero);

        Assert.That(Summaries(a), Is.EqualTo(new[]
        {
            "shutdown: 4 accepted: 4 still queued in PostgreSQL (durable, for the next node), 0 taken or canceled; 1 run here: 0 completed, 0 canceled, 1 returned to the queue",
        }));
        Assert.That(Summaries(b), Is.EqualTo(new[]
        {
            "shutdown: 0 accepted: 0 still queued in PostgreSQL (durable, for the next node), 0 taken or canceled; 1 run here: 0 completed, 0 canceled, 1 returned to the queue",
        }));
    }

    [Test]
    public async Task Three_nodes_starting_at_once_on_an_empty_database_migrate_it_once()
    {
        var database = await NewDatabaseAsync();

        var nodes = await Task.WhenAll(new[] { "a", "b", "c" }.Select(name => NodeProcess.StartAsync(database, name)));
        try
        {
            await using var connection = new NpgsqlConnection(database + ";Pooling=false");
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM jobqueue.migrations", connection);
            Assert.That(await count.ExecuteScalarAsync(), Is.EqualTo((long)Migrations.All().Count));
            Assert.That(await nodes[2].GetAsync(await nodes[0].PostAsync("job1", "1s"), "30s"), Does.Contain("\"status\":\"completed\""));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task Migrate_applies_the_schema_and_exits_and_a_second_run_finds_it_up_to_date()
    {
        var database = await NewDatabaseAsync();
        var server = $"127.0.0.1:{(await PostgresCluster.GetAsync()).Port}";
        var latest = Migrations.All()[^1].Version;

        await using var first = ProgramProcess.Start("migrate", "--postgres", database);
        Assert.That(await first.ExitCodeAsync(), Is.Zero);
        await using var second = ProgramProcess.Start("migrate", "--postgres", database);
        Assert.That(await second.ExitCodeAsync(), Is.Zero);

        Assert.That(first.Error.Lines, Is.EqualTo(new[] { $"migrate: {server} now at schema version {latest} (applied {string.Join(", ", Migrations.All().Select(m => m.Version))})" }));
        Assert.That(second.Error.Lines, Is.EqualTo(new[] { $"migrate: {server} is up to date (schema version {latest})" }));
    }

    [Test]
    public async Task A_database_that_cannot_be_reached_at_start_exits_1_with_one_line_naming_the_host()
    {
        var port = FreePort();

        await using var run = ProgramProcess.Start("--postgres", $"postgres://app:s3cret-pw@127.0.0.1:{port}/jobs", "-port", "0");
        var exitCode = await run.ExitCodeAsync();

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(run.Error.Lines, Is.EqualTo(new[] { $"--postgres: cannot use PostgreSQL at 127.0.0.1:{port}: Connection refused" }));
    }

    [Test]
    public async Task The_password_never_shows_and_debug_vars_shows_the_node_the_cluster_and_the_live_nodes()
    {
        var database = new NpgsqlConnectionStringBuilder(await NewDatabaseAsync());
        var url = $"postgres://postgres:s3cret-pw@127.0.0.1:{database.Port}/{database.Database}";
        await using var a = await NodeProcess.StartAsync(url, "a");
        await using var b = await NodeProcess.StartAsync(url, "b");
        await b.GetAsync(await a.PostAsync("job1", "1s"), "30s");

        var vars = await a.Client.GetStringAsync("/debug/vars");

        Assert.That(vars + a.Errors.Text + b.Errors.Text, Does.Not.Contain("s3cret-pw"));
        Assert.That(vars, Does.Contain($"\"postgres://postgres:***@127.0.0.1:{database.Port}/{database.Database}\""));
        Assert.That(vars, Does.Contain("\"sharedqueue\":{\"node\":\"a\",\"jobs\":{\"queued\":0,\"running\":0,\"completed\":1,\"canceled\":0,\"failed\":0}"));
        Assert.That(vars, Does.Contain("{\"name\":\"a\",\"workers\":1,").And.Contain("{\"name\":\"b\",\"workers\":1,"));
    }

    private static string[] Summaries(NodeProcess node) => [.. node.Errors.Lines.Where(l => l.StartsWith("shutdown:", StringComparison.Ordinal))];

    private static async Task<string> NewDatabaseAsync() => await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();

    private static async Task<long[]> PostAsync(NodeProcess node, int count, string delay)
    {
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = await node.PostAsync($"job{i + 1}", delay);
        }

        return ids;
    }

    /// <summary>The node that runs the job once it runs, and the other one.</summary>
    private static async Task<(NodeProcess Runner, NodeProcess Other)> RunnerAsync(long id, NodeProcess a, NodeProcess b)
    {
        await a.WhenRunningAsync(id);
        return (await a.GetAsync(id)).Contains("\"node\":\"a\"", StringComparison.Ordinal) ? (a, b) : (b, a);
    }

    /// <summary>Each of job1..jobN printed "completed" on exactly one node, exactly once.</summary>
    /// <remarks>The line comes after the row's update that GET reports, and through a buffered console: wait for it.</remarks>
    private static async Task AssertEachCompletedOnceAsync(NodeProcess[] nodes, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            var line = $"worker1: completed job{i}!";
            await Task.WhenAny(nodes.Select(n => n.Output.WhenLine(line))).Unwrap();
            Assert.That(nodes.Sum(n => n.Count(line)), Is.EqualTo(1), line);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
