namespace JobQueue.Compare;

/// <summary>The answer to one POST /work of the load: job <paramref name="Index"/> is "job{Index}".</summary>
/// <param name="Status">The HTTP status, 0 when no answer came.</param>
/// <param name="Id">The job id of a 201 from this program; null from a Go original, which sends no body.</param>
/// <param name="Problem">The first line of any answer but a 201, or why none came.</param>
internal sealed record Answer(int Index, int Status, long? Id, DateTimeOffset SentAt, DateTimeOffset AnsweredAt, string? Problem)
{
    public string Name => $"job{Index}";

    public bool Accepted => Status == 201;

    public bool Refused => Status == 503;
}
