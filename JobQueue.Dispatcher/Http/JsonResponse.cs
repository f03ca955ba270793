using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace JobQueue.Http;

/// <summary>The port's JSON answers (/work/{id}, /debug/vars), through source-generated type info for Native AOT.</summary>
internal static class JsonResponse
{
    public static async Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        // Serialized whole first: a body of a few hundred bytes is cheaper with a Content-Length than chunked.
        var body = JsonSerializer.SerializeToUtf8Bytes(value, type);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
