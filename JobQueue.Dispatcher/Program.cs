using JobQueue.Cli;
using JobQueue.Hosting;
using JobQueue.Standalone;

// No subcommand: the HTTP server of worker_original.go / worker_refactored.go.
// "standalone": worker_standalone.go. Bad flags exit 2 with one line on stderr.
return await CommandLine.InvokeAsync(args, WorkServer.RunAsync, StandaloneRun.RunAsync);
