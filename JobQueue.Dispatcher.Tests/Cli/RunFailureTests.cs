using JobQueue.Cli;
using JobQueue.Hosting;

namespace JobQueue.Tests.Cli;

/// <summary>A run that fails after its flags were fine still ends with one line, not a stack trace.</summary>
public sealed class RunFailureTests
{
    // Thrown before the runner's first await, or later from its task.
    [TestCase(false)]
    [TestCase(true)]
    public async Task A_failing_run_prints_one_line_and_exits_1(bool failsLater)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var failure = new InvalidOperationException("the engine broke\n   at Somewhere()");

        var exitCode = await CommandLine.InvokeAsync(
            ["-max_workers", "2"], failsLater ? FailLater : FailAtOnce, (_, _) => Task.FromResult(0), output, error);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error.ToString(), Is.EqualTo("error: the engine broke\\x0a   at Somewhere()" + Environment.NewLine));
        Assert.That(output.ToString(), Is.Empty);

        Task<int> FailAtOnce(ServerSettings settings, CancellationToken cancellationToken) => throw failure;

        async Task<int> FailLater(ServerSettings settings, CancellationToken cancellationToken)
        {
            await Task.Yield();
            throw failure;
        }
    }
}
