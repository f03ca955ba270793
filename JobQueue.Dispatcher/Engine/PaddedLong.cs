using System.Runtime.InteropServices;

namespace JobQueue.Engine;

/// <summary>
/// A long alone on its cache lines: the producer bumps it on every job, and the flags the workers read
/// on every job must not sit on the same line.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct PaddedLong
{
    [FieldOffset(64)]
    public long Value;
}
