using System.Text.RegularExpressions;

namespace JobQueue.Postgres;

/// <summary>
/// A connection's password out of what the program shows: /debug/vars' cmdline carries --postgres as
/// typed, and a connection string or URL may hold the password.
/// </summary>
internal static partial class PasswordRedaction
{
    private const string Hidden = "***";
    private static readonly string[] Flags = ["--postgres", "-postgres"];

    /// <summary>The command line with the value of every --postgres redacted, however it was spelled.</summary>
    public static string[] CommandLine(string[] args)
    {
        var shown = (string[])args.Clone();
        for (var i = 0; i < shown.Length; i++)
        {
            if (Flags.Contains(shown[i]) && i + 1 < shown.Length)
            {
                shown[i + 1] = Connection(shown[i + 1]);
                i++;
            }
            else if (Flags.FirstOrDefault(f => shown[i].StartsWith(f + "=", StringComparison.Ordinal) || shown[i].StartsWith(f + ":", StringComparison.Ordinal)) is { } flag)
            {
                shown[i] = shown[i][..(flag.Length + 1)] + Connection(shown[i][(flag.Length + 1)..]);
            }
        }

        return shown;
    }

    /// <summary>The connection with its password replaced by ***: user:***@ in a URL, Password=*** in a connection string.</summary>
    public static string Connection(string text) =>
        text.Contains("://", StringComparison.Ordinal)
            ? UrlPassword().Replace(text, "$1" + Hidden + "@")
            : KeywordPassword().Replace(text, "$1" + Hidden);

    [GeneratedRegex(@"^([^:/]+://[^:@/]*:)[^@]*@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex("""(?i)((?:^|;)\s*(?:password|pwd)\s*=\s*)(?:"[^"]*"|'[^']*'|[^;]*)""")]
    private static partial Regex KeywordPassword();
}
