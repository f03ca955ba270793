using Microsoft.Playwright;

namespace JobQueue.Tests.Browser;

/// <summary>Every console error and uncaught exception of a page, so a test can say there were none.</summary>
internal sealed class PageErrors
{
    private readonly List<string> _errors = [];

    public PageErrors(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => Add($"uncaught: {error}");
    }

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    private void Add(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
