package io.jlibp2p.swarm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.PeerStore;
import io.jlibp2p.resources.Resource;
import io.jlibp2p.resources.ResourceLimitException;
import io.jlibp2p.resources.ResourceManager;
import io.jlibp2p.resources.ScopeKind;
import io.jlibp2p.swarm.SwarmEvent.ConnectionClosed;
import io.jlibp2p.swarm.SwarmEvent.ConnectionEstablished;
import io.jlibp2p.swarm.SwarmEvent.IncomingConnectionFailed;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.ConnectionGater;
import io.jlibp2p.transport.ConnectionUpgrader;
import io.jlibp2p.transport.Direction;
import io.jlibp2p.transport.GatedException;
import io.jlibp2p.transport.NetworkMetrics;
import io.jlibp2p.transport.NetworkMetrics.UpgradeFailure;
import io.jlibp2p.transport.Transport;

/**
 * A connection's life in the swarm, for both directions: a raw connection is counted and
 * upgraded, an upgraded one is admitted to the pool within its limits and reported, and
 * its close is counted and reported. Inbound connections are refused while the pool is
 * full, too many are being upgraded or their address opens them too fast.
 */
final class ConnectionLifecycle {

	private final ConnectionPool pool;

	private final PeerStore peerStore;

	private final NetworkMetrics metrics;

	private final ChannelHandler trafficCounter;

	private final ConnectionUpgrader upgrader;

	private final Consumer<SwarmEvent> events;

	private final ConnectionGater gater;

	private final AcceptLimiter acceptLimiter;

	private final ResourceManager resources;

	/**
	 * Completes once a connection's close has been counted and reported; closing waits
	 * for these, since the close promise can complete before the channel's close
	 * listeners have run.
	 */
	private final Map<Connection, CompletableFuture<Void>> departures = new ConcurrentHashMap<>();

	private volatile boolean closed;

	ConnectionLifecycle(SwarmConfig config, ConnectionPool pool, PeerStore peerStore, NetworkMetrics metrics,
			ChannelHandler trafficCounter, ConnectionUpgrader upgrader, Consumer<SwarmEvent> events,
			ConnectionGater gater, ResourceManager resources) {
		this.pool = pool;
		this.resources = resources;
		this.peerStore = peerStore;
		this.metrics = metrics;
		this.trafficCounter = trafficCounter;
		this.upgrader = upgrader;
		this.events = events;
		this.gater = gater;
		this.acceptLimiter = new AcceptLimiter(config.limits().pendingInbound(), config.inbound(), System::nanoTime);
	}

	/**
	 * Upgrades a raw connection: counts its traffic, then negotiates security and a
	 * muxer.
	 * @param channel the raw connection
	 * @param direction whether this side dialed
	 * @param remote the remote address
	 * @param expected the peer a dialer expects, or {@code null}
	 * @return the upgraded connection
	 */
	CompletableFuture<Connection> upgrade(Channel channel, Direction direction, Multiaddr remote,
			@Nullable PeerId expected) {
		channel.pipeline().addFirst(this.trafficCounter);
		return this.upgrader.upgrade(channel, direction, remote, expected);
	}

	/**
	 * Takes a connection a listener accepted: refused at once over the limits, admitted
	 * once upgraded.
	 * @param transport the transport that accepted it
	 * @param channel the raw connection
	 */
	void acceptInbound(Transport transport, Channel channel) {
		Multiaddr remote = transport.toMultiaddr(channel.remoteAddress());
		if (!this.gater.allowAccept(remote)) {
			this.metrics.gaterRefused(ConnectionGater.Checkpoint.ACCEPT);
			channel.close();
			this.events.accept(new IncomingConnectionFailed(remote,
					new GatedException(ConnectionGater.Checkpoint.ACCEPT, remote)));
			return;
		}
		String refusal = this.pool.inboundRefusal(remote);
		if (refusal == null && !holdsFileDescriptor(channel)) {
			refusal = "no file descriptor left of " + this.resources.limits().fileDescriptors();
		}
		if (refusal == null) {
			refusal = this.acceptLimiter.begin(remote);
		}
		if (refusal != null) {
			this.metrics.upgradeFailed(UpgradeFailure.LIMIT);
			channel.close();
			this.events.accept(new IncomingConnectionFailed(remote, new SwarmException(refusal)));
			return;
		}
		upgrade(channel, Direction.INBOUND, remote, null).whenComplete((connection, failure) -> {
			this.acceptLimiter.end(remote);
			if (failure != null) {
				this.metrics.upgradeFailed(Failures.classify(failure));
				this.events.accept(new IncomingConnectionFailed(remote, failure));
			}
			else {
				try {
					admit(connection);
				}
				catch (RuntimeException ex) {
					this.events.accept(new IncomingConnectionFailed(remote, ex));
				}
			}
		});
	}

	/**
	 * Counts a socket against the node's file descriptors until it closes.
	 * @param channel the socket
	 * @return {@code false} if none is left
	 */
	private boolean holdsFileDescriptor(Channel channel) {
		if (!this.resources.tryOpenFileDescriptor()) {
			return false;
		}
		releaseFileDescriptorOnClose(channel);
		return true;
	}

	/**
	 * Takes a file descriptor for a socket about to be dialed, before the socket exists.
	 * @return the refusal, or {@code null} if one was taken: then either
	 * {@link #releaseFileDescriptorOnClose} or {@link #releaseFileDescriptor} gives it
	 * back
	 */
	@Nullable ResourceLimitException reserveFileDescriptor() {
		if (this.resources.tryOpenFileDescriptor()) {
			return null;
		}
		return new ResourceLimitException(ScopeKind.SYSTEM, "", Resource.FILE_DESCRIPTORS,
				this.resources.limits().fileDescriptors());
	}

	void releaseFileDescriptorOnClose(Channel channel) {
		channel.closeFuture().addListener((closed) -> releaseFileDescriptor());
	}

	void releaseFileDescriptor() {
		this.resources.closeFileDescriptor();
	}

	/**
	 * Admits an upgraded connection to the pool and reports it.
	 * @param connection the connection
	 * @throws GatedException if the gater refuses it, which closes it
	 * @throws SwarmException if the limits refuse it, which closed it
	 */
	void admit(Connection connection) {
		if (!this.gater.allowUpgraded(connection)) {
			this.metrics.gaterRefused(ConnectionGater.Checkpoint.UPGRADED);
			connection.close(CloseReason.Cause.LOCAL, "refused by the connection gater");
			throw new GatedException(ConnectionGater.Checkpoint.UPGRADED, connection.remotePeer());
		}
		if (!this.pool.admit(connection)) {
			throw new SwarmException("connection limit reached for " + connection.remotePeer());
		}
		PeerId peer = connection.remotePeer();
		this.peerStore.setPublicKey(peer, connection.security().remoteKey());
		if (connection.direction() == Direction.OUTBOUND) {
			this.peerStore.addAddresses(peer, List.of(connection.remoteAddress()), Duration.ofHours(1));
		}
		CompletableFuture<Void> departed = new CompletableFuture<>();
		this.departures.put(connection, departed);
		connection.channel().closeFuture().addListener((closedFuture) -> {
			departed(connection);
			this.departures.remove(connection);
			departed.complete(null);
		});
		this.events.accept(new ConnectionEstablished(connection));
	}

	private void departed(Connection connection) {
		this.pool.remove(connection);
		CloseReason reason = connection.closeReason();
		this.metrics.connectionClosed((reason != null) ? reason.cause() : CloseReason.Cause.REMOTE);
		this.events.accept(new ConnectionClosed(connection, (reason != null) ? reason
				: new CloseReason(CloseReason.Cause.REMOTE, "closed by the peer or the network")));
	}

	/** Stops taking connections: dials fail from now on. */
	void close() {
		this.closed = true;
	}

	/**
	 * Returns the closes still being reported.
	 * @return one future per connection still open or closing
	 */
	List<CompletableFuture<Void>> departures() {
		return List.copyOf(this.departures.values());
	}

	boolean isClosed() {
		return this.closed;
	}

}
