namespace JobQueue.Http;

/// <summary>
/// A job's name is kept for as long as the job is in --history, so its length is bounded: with the
/// body limit alone, 10000 names of 1 MiB each would hold 10 GB. Go's gist has no history and no
/// limit; a name is a label, and a kilobyte is plenty for one.
/// </summary>
internal static class JobName
{
    public const int MaxBytes = 1024;

    /// <summary>The 400 for a longer name, worded like the gist's "You must specify a name."</summary>
    public const string TooLong = "The name must be at most 1024 bytes long.";

    /// <summary>Measured in the bytes the client sent, as the limit is about memory.</summary>
    public static bool IsTooLong(byte[] name) => name.Length > MaxBytes;
}
