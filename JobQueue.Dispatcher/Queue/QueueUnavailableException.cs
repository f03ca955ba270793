namespace JobQueue.Queue;

/// <summary>
/// The shared queue's database cannot be reached right now. Its message is one line, names the server
/// and never the password; the HTTP front answers it with a 503.
/// </summary>
internal sealed class QueueUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
