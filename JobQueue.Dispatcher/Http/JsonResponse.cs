using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace JobQueue.Http;

/// <summary>The port's JSON answers (/work/{id}, /debug/vars), through source-generated type info for Native AOT.</summary>
internal static class JsonResponse
{
    // The writer's options, not the serializer's, decide the escaping when the serializer is handed a writer.
    private static readonly JsonWriterOptions Writer = new() { Encoder = JsonTextEncoder.Instance };

    public static async Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        // Serialized whole first: a body of a few hundred bytes is cheaper with a Content-Length than chunked.
        var body = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(body, Writer))
        {
            JsonSerializer.Serialize(json, value, type);
        }

        // Go's json.Encoder ends each value with a newline: curl's output and the shell prompt that
        // follows it stay on lines of their own.
        body.Write("\n"u8);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.WrittenCount;
        await context.Response.Body.WriteAsync(body.WrittenMemory, context.RequestAborted);
    }
}
