namespace JobQueue.Tests.Support;

/// <summary>
/// The README's pictures are taken by the browser tests themselves: with JOBQUEUE_SCREENSHOTS set to a
/// folder (the repository's docs/), each of them writes its PNG there.
/// </summary>
internal static class Screenshots
{
    public static string? Folder => Environment.GetEnvironmentVariable("JOBQUEUE_SCREENSHOTS") is { Length: > 0 } folder ? folder : null;

    public static bool Wanted => Folder is not null;

    /// <summary>Where to write <paramref name="name"/>, or null when no screenshot is wanted.</summary>
    public static string? PathOf(string name) => Folder is { } folder ? System.IO.Path.Combine(folder, name) : null;
}
