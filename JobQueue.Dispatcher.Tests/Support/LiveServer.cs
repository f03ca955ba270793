using JobQueue.Engine;
using JobQueue.Hosting;
using JobQueue.Output;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace JobQueue.Tests.Support;

/// <summary>
/// The real host on 127.0.0.1 port 0 on the real clock, for a browser to watch: jobs run their 1 s
/// delays for real, and the dashboard's progress bars move. Built by the same factory as the program.
/// </summary>
internal sealed class LiveServer : IAsyncDisposable
{
    private LiveServer(WebApplication app, JobConsole console)
    {
        App = app;
        Console = console;
        Address = WorkServer.Address(app);
        Client = new HttpClient { BaseAddress = new Uri(Address), Timeout = TimeSpan.FromSeconds(30) };
        if (app.Services.GetRequiredService<ServerSettings>().Token is { } token)
        {
            Client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }
    }

    public WebApplication App { get; }

    public JobConsole Console { get; }

    public string Address { get; }

    public HttpClient Client { get; }

    /// <summary>No drain at the end: a test's jobs still running are cut off when it is done.</summary>
    public static async Task<LiveServer> StartAsync(string mode = "original", int workers = 2, int queue = 2, string? token = null)
    {
        var settings = ServerSettings.Default with
        {
            Mode = Enum.Parse<EngineMode>(mode, ignoreCase: true),
            MaxWorkers = workers,
            MaxQueueSize = queue,
            Port = 0,
            ShutdownTimeout = TimeSpan.Zero,
            Token = token,
        };
        var console = new JobConsole(new LineRecorder());
        var app = WorkServer.Build(settings, console, new LineRecorder(), TimeProvider.System);
        await app.StartAsync();
        return new LiveServer(app, console);
    }

    public Task<HttpResponseMessage> PostAsync(string name, string delay) =>
        Client.PostAsync("/work", new FormUrlEncodedContent([new("name", name), new("delay", delay)]));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Console.DisposeAsync();
    }
}
