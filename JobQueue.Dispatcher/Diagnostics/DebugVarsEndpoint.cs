using System.Text.Json;
using JobQueue.Dispatcher.Engine;
using JobQueue.Dispatcher.Http;

namespace JobQueue.Dispatcher.Diagnostics;

/// <summary>GET /debug/vars: Go's expvar page, with the job queue's figures where Go's program would publish its own.</summary>
internal static class DebugVarsEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await GoHttp.MethodNotAllowed(context, "GET");
            return;
        }

        var services = context.RequestServices;
        var vars = new DebugVars(
            Environment.GetCommandLineArgs(),
            JobQueueVars.Read(services.GetRequiredService<IJobEngine>(), services.GetRequiredService<JobTracker>()),
            MemStats.Read());

        // Serialized whole first: a page of a few hundred bytes is cheaper with a Content-Length than chunked.
        var body = JsonSerializer.SerializeToUtf8Bytes(vars, DebugVarsJsonContext.Default.DebugVars);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
