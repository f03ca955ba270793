using JobQueue.Cli;
using JobQueue.Hosting;
using JobQueue.Postgres;
using Npgsql;

namespace JobQueue.Tests.Cli;

/// <summary>The shared queue's flags: their defaults, Go spellings and one-line refusals, and a connection's password kept out of sight.</summary>
public sealed class SharedQueueFlagsTests
{
    [Test]
    public async Task Without_postgres_the_queue_stays_in_memory_with_the_documented_defaults()
    {
        var (exitCode, settings, _) = await RunAsync();

        Assert.That(exitCode, Is.Zero);
        Assert.That(settings!.Postgres, Is.EqualTo(Environment.GetEnvironmentVariable(PostgresConnection.EnvironmentVariable)));
        Assert.That((settings.RescueAfter, settings.MaxAttempts, settings.Retention), Is.EqualTo((TimeSpan.FromSeconds(30), 3, TimeSpan.FromHours(24))));
        Assert.That(settings.Node, Is.EqualTo($"{Environment.MachineName}-{Environment.ProcessId}"));
    }

    [Test]
    public async Task Every_flag_takes_its_go_spelling_too()
    {
        var (_, kebab, _) = await RunAsync("--postgres", "Host=db;Database=jobs", "--node", "n1", "--rescue-after", "5s", "--max-attempts", "2", "--retention", "1h");
        var (_, go, _) = await RunAsync("-postgres=Host=db;Database=jobs", "-node", "n1", "-rescue_after", "5s", "-max_attempts", "2", "-retention", "1h");

        foreach (var settings in new[] { kebab!, go! })
        {
            Assert.That((settings.Postgres, settings.Node, settings.RescueAfter, settings.MaxAttempts, settings.Retention),
                Is.EqualTo(("Host=db;Database=jobs", "n1", TimeSpan.FromSeconds(5), 2, TimeSpan.FromHours(1))));
        }
    }

    [TestCase("--postgres", "Host=db;Pasword=s3cret-pw", "--postgres: not a usable connection string or postgres:// URL: ")]
    [TestCase("--postgres", "postgres://u:s3cret-pw@db/jobs?sslmod=require", "--postgres: not a usable connection string or postgres:// URL: unsupported URL parameter 'sslmod' (sslmode, application_name and connect_timeout are)")]
    [TestCase("--node", "a b", "--node: must be 1 to 63 letters, digits, '.', '_' or '-', got 'a b'")]
    [TestCase("--rescue-after", "0s", "--rescue-after: must be a duration > 0 such as 1s or 250ms, got '0s'")]
    [TestCase("-max_attempts", "0", "-max_attempts: must be an integer >= 1, got '0'")]
    [TestCase("--retention", "1d", "--retention: must be a duration > 0 such as 1s or 250ms, got '1d' (time: unknown unit \"d\" in duration \"1d\")")]
    public async Task A_bad_value_exits_2_with_one_line_naming_the_flag_and_never_the_password(string flag, string value, string expected)
    {
        var (exitCode, settings, error) = await RunAsync(flag, value);

        Assert.That(exitCode, Is.EqualTo(CommandLine.UsageExitCode));
        Assert.That(settings, Is.Null);
        Assert.That(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1));
        Assert.That(error, Does.StartWith(expected));
        Assert.That(error, Does.Not.Contain("s3cret-pw"));
    }

    [Test]
    public void A_url_becomes_the_same_connection_as_its_connection_string()
    {
        Assert.That(PostgresConnection.TryParse("postgresql://app:p%40ss@db.example:6432/jobs?sslmode=disable", _ => null, out var url, out _), Is.True);

        Assert.That((url.Host, url.Port, url.Username, url.Password, url.Database, url.SslMode),
            Is.EqualTo(("db.example", 6432, "app", "p@ss", "jobs", SslMode.Disable)));
    }

    [Test]
    public void The_pg_variables_fill_only_what_the_connection_leaves_out()
    {
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = "envhost",
            ["PGPORT"] = "6543",
            ["PGUSER"] = "envuser",
            ["PGPASSWORD"] = "envpw",
            ["PGDATABASE"] = "envdb",
        };

        Assert.That(PostgresConnection.TryParse("Host=flaghost;Database=flagdb", environment.GetValueOrDefault, out var builder, out _), Is.True);

        Assert.That((builder.Host, builder.Port, builder.Username, builder.Password, builder.Database),
            Is.EqualTo(("flaghost", 6543, "envuser", "envpw", "flagdb")));
    }

    [TestCase("postgres://app:s3cret@db:5432/jobs", "postgres://app:***@db:5432/jobs")]
    [TestCase("Host=db;Password=s3cret;Database=jobs", "Host=db;Password=***;Database=jobs")]
    [TestCase("Host=db; pwd = 's3;cret' ;Database=jobs", "Host=db; pwd = *** ;Database=jobs")]
    [TestCase("Host=db;Database=jobs", "Host=db;Database=jobs")]
    public void A_connection_is_shown_without_its_password(string connection, string shown)
    {
        Assert.That(PasswordRedaction.Connection(connection), Is.EqualTo(shown));
    }

    [Test]
    public void The_command_line_is_shown_with_every_spelling_of_postgres_redacted()
    {
        string[] args = ["app.dll", "--postgres", "postgres://u:pw1@h/db", "-postgres=Password=pw2", "--postgres:Password=pw3", "-port", "0"];

        Assert.That(PasswordRedaction.CommandLine(args), Is.EqualTo(new[]
        {
            "app.dll", "--postgres", "postgres://u:***@h/db", "-postgres=Password=***", "--postgres:Password=***", "-port", "0",
        }));
    }

    private static async Task<(int ExitCode, ServerSettings? Settings, string Error)> RunAsync(params string[] args)
    {
        ServerSettings? server = null;
        using StringWriter error = new();
        var exitCode = await CommandLine.InvokeAsync(
            args,
            (settings, _) => { server = settings; return Task.FromResult(0); },
            (_, _) => Task.FromResult(0),
            TextWriter.Null,
            error);
        return (exitCode, server, error.ToString());
    }
}
