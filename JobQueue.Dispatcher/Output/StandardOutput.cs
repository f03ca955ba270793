using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace JobQueue.Output;

/// <summary>
/// File descriptor 1 as a stream of the job lines' own. Not <c>Console.OpenStandardOutput</c>: .NET's
/// console streams take <c>Console.Out</c>'s lock for every write, and standard error's writes take
/// it too, so a write blocked on a full stdout pipe would hold up every log line.
/// </summary>
internal static partial class StandardOutput
{
    private const int Fd = 1;
    private const int GetDescriptorFlags = 1; // F_GETFD
    private const int GetStatusFlags = 3; // F_GETFL
    private const int CloseOnExec = 1; // FD_CLOEXEC
    private const int AccessModes = 3; // O_ACCMODE
    private const int ReadOnly = 0; // O_RDONLY

    /// <summary>The stream, or null and why there is none to write to.</summary>
    public static Stream? Open(out string? problem)
    {
        problem = null;
        if (OperatingSystem.IsWindows())
        {
            return Console.OpenStandardOutput();
        }

        // Started with stdout closed (">&-"), the process reuses descriptor 1 for the first file the
        // runtime opens, e.g. its own signal pipe. Such a descriptor is close-on-exec, which an
        // inherited standard output never is: job lines must not be written into it.
        var descriptorFlags = Fcntl(Fd, GetDescriptorFlags, 0);
        if (descriptorFlags < 0 || (descriptorFlags & CloseOnExec) != 0)
        {
            problem = "standard output is closed";
            return null;
        }

        if ((Fcntl(Fd, GetStatusFlags, 0) & AccessModes) == ReadOnly)
        {
            problem = "standard output is open for reading only";
            return null;
        }

        // Unbuffered: the console's StreamWriter buffers, and decides when to write.
        return new FileStream(new SafeFileHandle(Fd, ownsHandle: false), FileAccess.Write, bufferSize: 0);
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
