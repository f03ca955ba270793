using System.IO.Pipelines;
using System.Net;
using JobQueue.Threading;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JobQueue.Hosting;

/// <summary>
/// Kestrel's listener, accepting a connection only while fewer than the limit are open: the others
/// wait in the kernel's backlog, where they hold none of the process's file descriptors.
/// </summary>
/// <remarks>
/// Not Kestrel's MaxConcurrentConnections: it accepts every connection first and closes the ones
/// over the limit later, on the thread pool, so a burst of connections on a busy machine still takes
/// a descriptor each until then, and can reach the open-file limit the cap was meant to keep off.
/// </remarks>
internal static class ConnectionLimit
{
    /// <summary>Makes Kestrel's socket listener hold at most <paramref name="limit"/> connections; null, no limit.</summary>
    public static IServiceCollection LimitConnections(this IServiceCollection services, long? limit)
    {
        if (limit is { } most)
        {
            services.Replace(ServiceDescriptor.Singleton<IConnectionListenerFactory>(sp => new Factory(
                new SocketTransportFactory(sp.GetRequiredService<IOptions<SocketTransportOptions>>(), sp.GetRequiredService<ILoggerFactory>()),
                (int)Math.Min(most, int.MaxValue))));
        }

        return services;
    }

    private sealed class Factory(SocketTransportFactory sockets, int limit) : IConnectionListenerFactory, IConnectionListenerFactorySelector
    {
        public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
            new Listener(await sockets.BindAsync(endpoint, cancellationToken).ConfigureAwait(false), limit);

        public bool CanBind(EndPoint endpoint) => sockets.CanBind(endpoint);
    }

    private sealed class Listener(IConnectionListener sockets, int limit) : IConnectionListener
    {
        private readonly SemaphoreSlim _free = new(limit, limit);
        private readonly CancellationTokenSource _unbound = new();

        public EndPoint EndPoint => sockets.EndPoint;

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _unbound.Token);
            try
            {
                await _free.WaitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null; // unbound while every place was taken: no more connections, as Kestrel expects
            }

            var connection = await sockets.AcceptAsync(cancellationToken).ConfigureAwait(false);
            if (connection is null)
            {
                _free.Release();
                return null;
            }

            return new Counted(connection, _free);
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
        {
            _unbound.Cancel();
            return sockets.UnbindAsync(cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            _unbound.Cancel();
            await sockets.DisposeAsync().ConfigureAwait(false);
            _unbound.Dispose();
        }
    }

    /// <summary>The socket's connection, giving its place back once Kestrel has closed it (and its descriptor).</summary>
    private sealed class Counted(ConnectionContext connection, SemaphoreSlim free) : ConnectionContext
    {
        private readonly Once _released = new();

        public override string ConnectionId
        {
            get => connection.ConnectionId;
            set => connection.ConnectionId = value;
        }

        public override IFeatureCollection Features => connection.Features;

        public override IDictionary<object, object?> Items
        {
            get => connection.Items;
            set => connection.Items = value;
        }

        public override IDuplexPipe Transport
        {
            get => connection.Transport;
            set => connection.Transport = value;
        }

        public override CancellationToken ConnectionClosed
        {
            get => connection.ConnectionClosed;
            set => connection.ConnectionClosed = value;
        }

        public override EndPoint? LocalEndPoint
        {
            get => connection.LocalEndPoint;
            set => connection.LocalEndPoint = value;
        }

        public override EndPoint? RemoteEndPoint
        {
            get => connection.RemoteEndPoint;
            set => connection.RemoteEndPoint = value;
        }

        public override void Abort() => connection.Abort();

        public override void Abort(ConnectionAbortedException abortReason) => connection.Abort(abortReason);

        public override async ValueTask DisposeAsync()
        {
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                if (_released.First())
                {
                    free.Release();
                }
            }
        }
    }
}
