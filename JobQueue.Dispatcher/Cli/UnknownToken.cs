using System.CommandLine;

namespace JobQueue.Cli;

/// <summary>
/// The line for a flag or word the command does not know: it names the nearest option (or
/// subcommand) when one is close, and where the full list is, e.g.
/// <c>Unrecognized command or argument '--max-worker'. Did you mean --max-workers? See --help.</c>
/// </summary>
internal static class UnknownToken
{
    public static string Describe(string message, string token, ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        var help = command == parseResult.RootCommandResult.Command ? "--help" : $"{command.Name} --help";
        return Nearest(token, command) is { } nearest
            ? $"{message} Did you mean {nearest}? See {help}."
            : $"{message} See {help}.";
    }

    /// <summary>The option or subcommand whose spelling is closest, if it is close enough to be what was meant.</summary>
    private static string? Nearest(string token, Command command)
    {
        // "-max_worker=5" is the flag "-max_worker" with a value.
        var typed = Normalize(token.Split('=', ':')[0]);
        if (typed.Length == 0)
        {
            return null;
        }

        // Short words are too near to everything: "2" is one letter from "-h".
        var allowed = typed.Length < 3 ? 0 : Math.Max(1, typed.Length / 4);
        var candidates = command.Options.Where(o => !o.Hidden).Select(o => (o.Name, Spellings: o.Aliases.Prepend(o.Name)))
            .Concat(command.Subcommands.Where(c => !c.Hidden).Select(c => (c.Name, Spellings: c.Aliases.Prepend(c.Name))));
        return candidates
            .Select(c => (c.Name, Distance: c.Spellings.Min(s => Distance(typed, Normalize(s)))))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    // Dashes, case and Go's underscores are how the spellings of one option differ, not typos.
    private static string Normalize(string spelling) =>
        spelling.TrimStart('-', '/').ToLowerInvariant().Replace('_', '-');

    /// <summary>Edits (insert, delete, replace, swap two neighbours) from one spelling to the other.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
