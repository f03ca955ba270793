using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using JobQueue.Engine;
using JobQueue.GoFormat;
using JobQueue.Postgres;

namespace JobQueue.Cli;

/// <summary>
/// The CustomParser of every option. Each reads the last value given, so that a repeated flag
/// behaves as in Go's flag package (the last one wins), and reports a bad value as one
/// line: "&lt;flag as typed&gt;: must be &lt;rule&gt;, got '&lt;value&gt;'".
/// </summary>
/// <remarks>
/// Range checks live here rather than in validators: a validator reads the converted value,
/// and System.CommandLine's own conversion throws on non-numeric text before it runs.
/// </remarks>
internal static class Parsers
{
    public static Func<ArgumentResult, int> IntAtLeast(int min) =>
        result => ParseInt(result, min, int.MaxValue, $"an integer >= {min}");

    public static Func<ArgumentResult, int> IntBetween(int min, int max) =>
        result => ParseInt(result, min, max, $"an integer from {min} to {max}");

    public static Func<ArgumentResult, int?> OptionalIntAtLeast(int min) =>
        result => ParseInt(result, min, int.MaxValue, $"an integer >= {min}");

    public static string? Token(ArgumentResult result)
    {
        var text = LastValue(result);
        return text.Length > 0 ? text : Fail<string?>(result, "a token that is not empty", text);
    }

    public static int? OptionalInt(ArgumentResult result) =>
        ParseInt(result, int.MinValue, int.MaxValue, "an integer");

    public static EngineMode Mode(ArgumentResult result)
    {
        var text = LastValue(result);
        // Enum.TryParse would also take "0", "1" and "Original, Refactored"; only the two names are flags.
        if (text.Equals(EngineMode.Original.Name(), StringComparison.OrdinalIgnoreCase))
        {
            return EngineMode.Original;
        }

        if (text.Equals(EngineMode.Refactored.Name(), StringComparison.OrdinalIgnoreCase))
        {
            return EngineMode.Refactored;
        }

        return Fail<EngineMode>(result, "original or refactored", text);
    }

    public static IPAddress Host(ArgumentResult result)
    {
        var text = LastValue(result);
        // What people type for "this machine only"; Go's net.Listen accepts it too.
        if (text.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IsIpLiteral(text) && IPAddress.TryParse(text, out var address)
            ? address
            : Fail<IPAddress>(result, "an IP address such as 127.0.0.1, 0.0.0.0 or ::1", text);
    }

    public static Func<ArgumentResult, TimeSpan> Duration(bool allowZero, TimeSpan? max = null) =>
        result =>
        {
            var text = LastValue(result);
            var rule = (allowZero, max) switch
            {
                (true, { } most) => $"a duration from 0 to {Short(most)} such as 30s or 1m30s",
                (true, null) => "a duration >= 0 such as 30s or 1m30s",
                _ => "a duration > 0 such as 1s or 250ms",
            };
            if (!GoDuration.TryParse(text, out var nanoseconds, out var goError))
            {
                // Go's own message says what is wrong with the text (missing unit, unknown unit, ...).
                return Fail<TimeSpan>(result, rule, text, goError);
            }

            var duration = TimeSpan.FromTicks(nanoseconds / TimeSpan.NanosecondsPerTick);
            return (nanoseconds > 0 || (allowZero && nanoseconds == 0)) && (max is null || duration <= max)
                ? duration
                : Fail<TimeSpan>(result, rule, text);
        };

    /// <summary>A whole number of hours or minutes as a person types it: "24h", not Go's "24h0m0s".</summary>
    public static string Short(TimeSpan duration)
    {
        var text = GoDuration.Format(duration.Ticks * TimeSpan.NanosecondsPerTick);
        return text.EndsWith("h0m0s", StringComparison.Ordinal) ? text[..^4]
            : text.EndsWith("m0s", StringComparison.Ordinal) ? text[..^2]
            : text;
    }

    /// <summary>A job's delay as POST /work takes it: a Go duration from 1s to 10s.</summary>
    public static TimeSpan JobDelay(ArgumentResult result)
    {
        var text = LastValue(result);
        const string rule = "a duration from 1s to 10s, as POST /work takes it";
        if (!GoDuration.TryParse(text, out var nanoseconds, out var goError))
        {
            return Fail<TimeSpan>(result, rule, text, goError);
        }

        var seconds = GoDuration.Seconds(nanoseconds);
        return seconds is >= 1 and <= 10
            ? TimeSpan.FromTicks(nanoseconds / TimeSpan.NanosecondsPerTick)
            : Fail<TimeSpan>(result, rule, text);
    }

    /// <summary>A rate per second: a number from 0 (no pacing) to 100000.</summary>
    public static double Rate(ArgumentResult result)
    {
        var text = LastValue(result);
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value <= 100000
            ? value
            : Fail<double>(result, "a number from 0 to 100000", text);
    }

    /// <summary>A path, as given; only an empty one is refused here, the file system says the rest.</summary>
    public static string FileName(ArgumentResult result)
    {
        var text = LastValue(result);
        return text.Length > 0 ? text : Fail<string>(result, "a file name", text);
    }

    private static int ParseInt(ArgumentResult result, int min, int max, string rule)
    {
        var text = LastValue(result);
        // Decimal only: no thousands separators, no surrounding spaces, no culture.
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
               && value >= min && value <= max
            ? value
            : Fail<int>(result, rule, text);
    }

    /// <summary>A connection string or URL Npgsql can use; the error never repeats the text, which may hold a password.</summary>
    public static string? Postgres(ArgumentResult result)
    {
        if (!PostgresConnection.TryParse(LastValue(result), Environment.GetEnvironmentVariable, out _, out var error))
        {
            result.AddError($"{FlagOf(result)}: not a usable connection string or postgres:// URL: {error}");
        }

        return LastValue(result);
    }

    /// <summary>What people can read in a log and type in a URL: letters, digits and . _ -, up to 63.</summary>
    public static string NodeName(ArgumentResult result)
    {
        var text = LastValue(result);
        return text.Length is >= 1 and <= 63 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            ? text
            : Fail<string>(result, "1 to 63 letters, digits, '.', '_' or '-'", text);
    }

    // IPAddress.TryParse also takes inet_aton shorthands: "8080" would become 0.0.31.144 and
    // "127.1" 127.0.0.1. A host given as a port number is a mistake worth reporting.
    private static bool IsIpLiteral(string text) =>
        text.Contains(':') || text.Split('.') is { Length: 4 } parts && parts.All(IsDecimalOctet);

    private static bool IsDecimalOctet(string part) =>
        part.Length is >= 1 and <= 3 && part.All(char.IsAsciiDigit);

    // The option's arity is OneOrMore only so that a repeated flag is not an error; a parser
    // runs only when the option was given, so there is always at least one token.
    private static string LastValue(ArgumentResult result) => result.Tokens[^1].Value;

    private static string FlagOf(ArgumentResult result) =>
        (result.Parent as OptionResult)?.IdentifierToken?.Value ?? result.Argument.Name;

    private static T Fail<T>(ArgumentResult result, string rule, string text, string? detail = null)
    {
        var flag = FlagOf(result);
        result.AddError(detail is null
            ? $"{flag}: must be {rule}, got '{text}'"
            : $"{flag}: must be {rule}, got '{text}' ({detail})");
        return default!;
    }
}
