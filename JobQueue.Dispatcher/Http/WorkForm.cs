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

    // MultipartReader's own default, and the "--", "--" and two CRLFs around a boundary it must also hold.
    private const int DefaultMultipartBuffer = 4096;
    private const int MultipartFraming = 8;

    // ValueTask: a form whose body has already arrived (Kestrel's first read of a short POST says it
    // has ended) is read without a wait, and then without a Task.
    public static async ValueTask<FormRead> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
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

        byte[]? body;
        try
        {
            body = await ReadBodyAsync(request.BodyReader, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            return FormRead.BadBody(e.StatusCode, e.Message);
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Kestrel reports a chunk size that overflows as a plain IOException, not a bad request.
            return FormRead.BadBody(StatusCodes.Status400BadRequest, e.Message);
        }

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
                if (ReadJson(body, form) is { } problem)
                {
                    return problem;
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
    private static async ValueTask<byte[]?> ReadBodyAsync(PipeReader body, CancellationToken cancellationToken)
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

        // The reader's buffer must hold the boundary. Go reads boundaries of about 4 KB too; anything
        // longer than the default buffer is bounded by Kestrel's header size limit.
        var reader = new MultipartReader(boundary, new MemoryStream(body), Math.Max(DefaultMultipartBuffer, boundary.Length + MultipartFraming));
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

    /// <summary>
    /// A JSON object of strings, e.g. <c>{"name":"job1","delay":"2s"}</c>; the first of a repeated field wins.
    /// Null when read, else the 400 that says why not.
    /// </summary>
    private static FormRead? ReadJson(byte[] body, FormValues form)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return FormRead.BadJson;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return FormRead.BadJson;
                }

                form.Add(key, reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan.ToArray());
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? null : FormRead.BadJson;
        }
        catch (JsonException)
        {
            return FormRead.BadJson;
        }
        catch (InvalidOperationException)
        {
            // GetString refuses a lone surrogate ("\ud800") and invalid UTF-8: no text to give a job.
            return FormRead.BadJsonText;
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

    public static FormRead BadJsonText { get; } = new(null, StatusCodes.Status400BadRequest,
        "Bad JSON body: a string is not valid Unicode (invalid UTF-8 or a lone surrogate).");

    /// <summary>A body Kestrel could not read, e.g. a chunk size that is not a number or overflows.</summary>
    public static FormRead BadBody(int status, string reason) =>
        new(null, status, "Bad request body: " + reason.ReplaceLineEndings(" "));
}
