using System.Diagnostics;

namespace JobQueue.Compare;

/// <summary>
/// The gist's own programs (../shared/reference), built with <c>GO111MODULE=off go build</c> into a
/// directory of the comparison's, so that they run beside the port under the same load.
/// </summary>
internal static class GoOriginals
{
    /// <summary>(name, source folder) of each Go original the port has a mode for.</summary>
    public static readonly (string Name, string Folder)[] Programs = [("go-original", "go-original"), ("go-refactored", "go-refactored")];

    public static bool GoOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, "go")));

    /// <summary>Builds each program into <paramref name="output"/>; the paths of the executables.</summary>
    public static async Task<IReadOnlyList<(string Name, string Program)>> BuildAsync(string source, string output, CancellationToken cancellationToken)
    {
        List<(string, string)> built = [];
        foreach (var (name, folder) in Programs)
        {
            var directory = Path.Combine(source, folder);
            if (!File.Exists(Path.Combine(directory, "main.go")))
            {
                throw new InvalidOperationException($"--go-source: no {folder}/main.go in {source}");
            }

            var program = Path.Combine(output, name);
            var start = new ProcessStartInfo("go") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add("build");
            start.ArgumentList.Add("-o");
            start.ArgumentList.Add(program);
            start.ArgumentList.Add(".");
            start.Environment["GO111MODULE"] = "off";
            using var build = Process.Start(start)!;
            var errors = build.StandardError.ReadToEndAsync(cancellationToken);
            await build.StandardOutput.ReadToEndAsync(cancellationToken);
            await build.WaitForExitAsync(cancellationToken);
            if (build.ExitCode != 0)
            {
                var last = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? $"exit code {build.ExitCode}";
                throw new InvalidOperationException($"--with-go: go build of {directory} failed: {last}");
            }

            built.Add((name, program));
        }

        return built;
    }
}
