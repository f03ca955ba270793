using JobQueue.Tests.Support;

namespace JobQueue.Tests;

/// <summary>Stops the throwaway PostgreSQL cluster once every test has run, if one was started.</summary>
[SetUpFixture]
public sealed class PostgresSetUp
{
    [OneTimeTearDown]
    public Task StopClusterAsync() => PostgresCluster.StopIfStartedAsync();
}
