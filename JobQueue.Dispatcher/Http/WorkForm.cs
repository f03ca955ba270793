using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace JobQueue.Http;

/// <summary>
/// Reads the fields of POST /work the way Go's <c>r.FormValue</c> does: an urlencoded body, then the
/// query string; for multipart, Go appends the body's values after the query's, so the query wins.
/// A JSON object body is the port's addition, read like an urlencoded one.
/// </summary>
internal static class WorkForm
{
    /// <summary>A job is a name and a delay: a megabyte is generous, and stops a client filling memory.</summary>
    public const int MaxBodyBytes = 1 << 20;

    public static async Task<FormRead> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return FormRead.TooLarge;
        }

        var form = new FormValues();
        var query = Encoding.UTF8.GetBytes(request.QueryString.Value is { Length: > 0 } q ? q[1..] : "");
        MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType);
        var mediaType = contentType?.MediaType.Value?.ToLowerInvariant();
        if (mediaType is not ("application/x-www-form-urlencoded" or "multipart/form-data" or "application/json"))
        {
            // Go reads no body of any other type (nor of none, which it takes as octet-stream).
            GoQuery.Parse(query, form);
            return new FormRead(form);
        }

        var body = await ReadBodyAsync(request.BodyReader, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return FormRead.TooLarge;
        }

        switch (mediaType)
        {
            case "application/x-www-form-urlencoded":
                GoQuery.Parse(body, form);
                GoQuery.Parse(query, form);
                break;
            case "multipart/form-data":
                GoQuery.Parse(query, form);
                await ReadMultipartAsync(body, HeaderUtilities.RemoveQuotes(contentType!.Boundary).Value, form, cancellationToken).ConfigureAwait(false);
                break;
            default:
                if (!TryReadJson(body, form))
                {
                    return FormRead.BadJson;
                }

                GoQuery.Parse(query, form);
                break;
        }

        return new FormRead(form);
    }

    /// <summary>
    /// The whole body, or null once it passes <see cref="MaxBodyBytes"/> (a chunked body has no length
    /// to check first). Read through Kestrel's own buffers: one array per request, no copy buffer.
    /// </summary>
    private static async Task<byte[]?> ReadBodyAsync(PipeReader body, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            if (buffer.Length > MaxBodyBytes)
            {
                body.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }

            if (read.IsCompleted)
            {
                var bytes = buffer.ToArray();
                body.AdvanceTo(buffer.End);
                return bytes;
            }

            // Nothing consumed, everything examined: wake again only when more has arrived.
            body.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Form fields of a multipart body; file parts are not form values in Go either. A malformed body keeps what was read, as in Go.</summary>
    private static async Task ReadMultipartAsync(byte[] body, string? boundary, FormValues form, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(boundary))
        {
            return;
        }

        var reader = new MultipartReader(boundary, new MemoryStream(body));
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFormDisposition()
                    || disposition.IsFileDisposition())
                {
                    continue;
                }

                using var value = new MemoryStream();
                await section.Body.CopyToAsync(value, cancellationToken).ConfigureAwait(false);
                form.Add(HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "", value.ToArray());
            }
        }
        catch (IOException)
        {
            // Truncated or malformed multipart: Go's FormValue keeps the fields parsed so far.
        }
        catch (InvalidDataException)
        {
        }
    }

    /// <summary>A JSON object of strings, e.g. <c>{"name":"job1","delay":"2s"}</c>; the first of a repeated field wins.</summary>
    private static bool TryReadJson(byte[] body, FormValues form)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                form.Add(key, reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan.ToArray());
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>The fields of a request, or why they could not be read.</summary>
internal sealed record FormRead(FormValues? Values, int Status = StatusCodes.Status200OK, string? Problem = null)
{
    public static FormRead TooLarge { get; } = new(null, StatusCodes.Status413PayloadTooLarge,
        $"Request body too large: the limit is {WorkForm.MaxBodyBytes} bytes.");

    public static FormRead BadJson { get; } = new(null, StatusCodes.Status400BadRequest,
        """Bad JSON body: expected an object of strings, e.g. {"name":"job1","delay":"2s"}.""");
}
