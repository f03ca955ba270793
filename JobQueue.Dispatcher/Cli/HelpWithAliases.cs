using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Net;
using JobQueue.Engine;
using JobQueue.GoFormat;

namespace JobQueue.Cli;

/// <summary>
/// --help that prints every spelling of every option.
/// </summary>
/// <remarks>
/// System.CommandLine 2.0's built-in help keeps one spelling per name ("-port" hides "--port",
/// "-max_workers" hides "--max_workers"), and its HelpBuilder is internal, so it cannot be told
/// otherwise. A Go user must find the Go flag, everyone else the kebab-case one: both are listed.
/// </remarks>
internal sealed class HelpWithAliases : SynchronousCommandLineAction
{
    // Like the built-in help: "--max-workers abc --help" shows help, not the error.
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var command = parseResult.CommandResult.Command;
        var path = CommandPath(parseResult.CommandResult);

        if (command.Description is { Length: > 0 } description)
        {
            output.WriteLine(description);
            output.WriteLine();
        }

        output.WriteLine("Usage:");
        output.WriteLine($"  {path} [options]");
        foreach (var subcommand in command.Subcommands.Where(c => !c.Hidden))
        {
            output.WriteLine($"  {path} {subcommand.Name} [options]");
        }

        WriteTable(output, "Options:", VisibleOptions(parseResult.CommandResult).Select(o => (Label(o), Describe(o))));
        WriteTable(output, "Commands:", command.Subcommands.Where(c => !c.Hidden).Select(c => (c.Name, c.Description ?? "")));
        return 0;
    }

    private static string CommandPath(CommandResult result) =>
        result.Parent is CommandResult parent ? $"{CommandPath(parent)} {result.Command.Name}" : result.Command.Name;

    // The command's own options, then those its ancestors share with it (--help); the program's
    // flags first, --help and --version last, where they are looked for.
    private static IEnumerable<Option> VisibleOptions(CommandResult result)
    {
        IEnumerable<Option> options = result.Command.Options;
        for (var parent = result.Parent; parent is CommandResult ancestor; parent = ancestor.Parent)
        {
            options = options.Concat(ancestor.Command.Options.Where(o => o.Recursive));
        }

        return options.Where(o => !o.Hidden).OrderBy(o => o is HelpOption or VersionOption);
    }

    private static string Label(Option option)
    {
        var names = string.Join(", ", option.Aliases.Prepend(option.Name));
        var takesValue = option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool);
        return takesValue ? $"{names} <{option.HelpName ?? option.Name.TrimStart('-')}>" : names;
    }

    private static string Describe(Option option) =>
        option.HasDefaultValue && FormatDefault(option.GetDefaultValue()) is { } value
            ? $"{option.Description} [default: {value}]"
            : option.Description ?? "";

    // Defaults are shown the way they are typed on the command line.
    private static string? FormatDefault(object? value) => value switch
    {
        TimeSpan duration => GoDuration.Format(duration.Ticks * TimeSpan.NanosecondsPerTick),
        EngineMode mode => mode.Name(),
        IPAddress address => address.ToString(),
        int number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null, // flags and optional values: nothing worth showing
    };

    private static void WriteTable(TextWriter output, string title, IEnumerable<(string Left, string Right)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var width = list.Max(r => r.Left.Length) + 2;
        output.WriteLine();
        output.WriteLine(title);
        foreach ((var left, var right) in list)
        {
            output.WriteLine($"  {left.PadRight(width)}{right}".TrimEnd());
        }
    }
}
