namespace JobQueue.Engine;

/// <summary>Which of the gist's two HTTP programs runs the jobs.</summary>
internal enum EngineMode
{
    /// <summary>worker_original.go: a Dispatcher hands each job to an idle worker's own channel.</summary>
    Original,

    /// <summary>worker_refactored.go: N workers range over one shared channel.</summary>
    Refactored,
}

/// <summary>The one spelling of a mode, as <c>--mode</c> takes it and /debug/vars and the console show it.</summary>
internal static class EngineModeNames
{
    public static string Name(this EngineMode mode) => mode == EngineMode.Original ? "original" : "refactored";
}
