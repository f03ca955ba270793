namespace JobQueue.Dispatcher.GoFormat;

// STUB: being written by the GoFormat helper. Signatures are the contract.
internal static class GoDuration
{
    /// <summary>Go's time.ParseDuration. On failure, error is Go's err.Error() text.</summary>
    public static bool TryParse(string s, out long nanoseconds, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
        => throw new NotImplementedException();

    /// <summary>Go's Duration.String().</summary>
    public static string Format(long nanoseconds) => throw new NotImplementedException();

    /// <summary>Go's Duration.Seconds().</summary>
    public static double Seconds(long nanoseconds) => throw new NotImplementedException();
}
