using BenchmarkDotNet.Running;
using JobQueue.Benchmarks;

// dotnet run -c Release --project bench/JobQueue.Dispatcher.Benchmarks -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(JobsPerSecond).Assembly).Run(args);
