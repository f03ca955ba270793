using JobQueue.Engine;
using JobQueue.Http;
using JobQueue.Output;
using JobQueue.Postgres;
using JobQueue.Queue;

namespace JobQueue.Diagnostics;

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
        var shared = services.GetRequiredService<IJobQueue>() is PostgresJobQueue postgres
            ? await postgres.ReadVarsAsync(context.RequestAborted)
            : null;
        var vars = new DebugVars(
            // --token and --postgres may carry a secret.
            PasswordRedaction.CommandLine(BearerToken.Redact(Environment.GetCommandLineArgs())),
            JobQueueVars.Read(services.GetRequiredService<IJobEngine>(), services.GetRequiredService<JobCounters>(), services.GetRequiredService<JobConsole>()),
            MemStats.Read(),
            shared);

        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, vars, DebugVarsJsonContext.Default.DebugVars);
    }
}
