using JobQueue.Cli;

namespace JobQueue.Tests.Cli;

/// <summary>A run that fails after its flags were fine still ends with one line, not a stack trace.</summary>
public sealed class RunFailureTests
{
    [Test]
    public async Task A_failing_run_prints_one_line_and_exits_1()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CommandLine.InvokeAsync(
            ["-max_workers", "2"],
            (_, _) => throw new InvalidOperationException("the engine broke\n   at Somewhere()"),
            (_, _) => Task.FromResult(0),
            output,
            error);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error.ToString(), Is.EqualTo("error: the engine broke\\x0a   at Somewhere()" + Environment.NewLine));
        Assert.That(output.ToString(), Is.Empty);
    }
}
