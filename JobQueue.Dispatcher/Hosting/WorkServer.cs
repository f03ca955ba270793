using JobQueue.Dashboard;
using JobQueue.Diagnostics;
using JobQueue.Engine;
using JobQueue.Http;
using JobQueue.Output;
using JobQueue.Postgres;
using JobQueue.Queue;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace JobQueue.Hosting;

/// <summary>
/// The HTTP program of the gist (either design) as a Generic Host with Kestrel. <see cref="Build"/>
/// is the one factory: Program runs what it makes, and the tests start the same thing on port 0.
/// </summary>
internal static class WorkServer
{
    public static WebApplication Build(ServerSettings settings, JobConsole console, TextWriter error, TimeProvider? time = null, IJobQueue? jobQueue = null)
    {
        // No args: System.CommandLine owns argv, and the settings record is the only configuration.
        // The empty builder, not the slim one: the slim one watches appsettings.json for changes,
        // which walks the whole working directory at start-up before Kestrel binds.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.LimitConnections(OpenFileLimit.MaxConnections(settings.MaxConnections));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false; // Go's net/http sends no Server header
            kestrel.Listen(settings.Host, settings.Port);
        });

        // Logs go to standard error; standard output carries the per-job lines only.
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new StandardErrorLoggerProvider(error));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("JobQueue", LogLevel.Information);

        // The host starts an Activity (a trace id and a log scope) for every request whenever this
        // category is enabled at any level, even when nothing reads it. Off: what the category logs is
        // a line per request (Information) and a start-up error, which the program reports in one line itself.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

        // The host must outlast the drain: its own limit is a backstop, not the rule.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout + TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<IHostLifetime, SignalLifetime>();

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton(console);
        services.AddSingleton(new JobCounters());
        services.AddSingleton<IJobQueue>(sp => jobQueue ?? new MemoryJobQueue(settings.MaxQueueSize, settings.History, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => EngineFactory.Create(
            settings.Mode, settings.MaxWorkers, sp.GetRequiredService<IJobQueue>(), sp.GetRequiredService<JobCounters>(), console, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ShutdownSummary(sp.GetRequiredService<JobCounters>(), error, sp.GetRequiredService<IJobQueue>() as PostgresJobQueue));
        services.AddSingleton<JobQueueFront>();
        services.AddHostedService<EngineService>();

        services.AddJobQueueDiagnostics();

        var app = builder.Build();
        app.UseRequestGuards(settings.Host, settings.Token);
        app.UseQueueUnavailable();

        // Go's ServeMux, which answers every other path with its plain-text 404. app.Run(handler) makes
        // it the pipeline's last step; it does not start the host.
        var mux = new ServeMux()
            .MapWork(app.Services)
            .MapDebugVars(app.Services)
            .MapDashboard(app.Services);
        app.Run(mux.ServeHTTP);
        return app;
    }

    /// <summary>The server's address once started, e.g. http://127.0.0.1:8080 (port 0 becomes the port picked).</summary>
    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>Runs until Ctrl+C or SIGTERM; 0 after a graceful stop, 1 when the port cannot be bound.</summary>
    public static async Task<int> RunAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Postgres is null)
        {
            InlineSocketCompletions.Enable();
        }

        var error = Console.Error;
        var (shared, failure) = await SharedQueueHosting.StartAsync(settings, error, cancellationToken);
        if (failure is { } exitCode)
        {
            return exitCode;
        }

        await using var sharedQueue = shared;
        await using var console = JobConsole.ForStandardOutput(settings.Quiet);
        await using var app = Build(settings, console, error, jobQueue: shared?.Queue);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            error.WriteLine(BindFailure(settings, e));
            return 1;
        }

        error.WriteLine($"listening on {Address(app)} ({settings.Mode.Name()} mode, {settings.MaxWorkers} {(settings.MaxWorkers == 1 ? "worker" : "workers")}, queue of {settings.MaxQueueSize}{(shared is null ? "" : $", shared queue at {shared.Server} as node {settings.Node}")})");
        if (RequestGuards.ExposureWarning(settings.Host, settings.Token) is { } warning)
        {
            error.WriteLine(warning);
        }

        await app.WaitForShutdownAsync(CancellationToken.None);
        return 0;
    }

    private static string BindFailure(ServerSettings settings, IOException e) =>
        e.InnerException is AddressInUseException
            ? $"--port: {settings.Port} on {settings.Host} is already in use"
            : $"--port: cannot listen on {settings.Host}:{settings.Port}: {(e.InnerException ?? e).Message}";
}
