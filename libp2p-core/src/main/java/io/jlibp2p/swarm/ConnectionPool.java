package io.jlibp2p.swarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import io.netty.channel.ChannelFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.Direction;

/**
 * The swarm's established connections, within its limits: admits a connection only while
 * there is room in total and for its peer, and closes connections that stayed idle.
 * Connections complete and close on many event loops, so every operation takes the pool's
 * lock; none of them does I/O while holding it.
 */
final class ConnectionPool {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionPool.class);

	private final int maxConnections;

	private final int maxPerPeer;

	private final Duration idleTimeout;

	private final Map<PeerId, List<Connection>> byPeer = new HashMap<>();

	private final Map<Connection, Instant> idleSince = new HashMap<>();

	private final InboundCounts inbound;

	private int size;

	private boolean closed;

	ConnectionPool(SwarmConfig config) {
		this.maxConnections = config.limits().connections();
		this.maxPerPeer = config.limits().perPeer();
		this.idleTimeout = config.timeouts().idle();
		this.inbound = new InboundCounts(config.inbound());
	}

	/**
	 * Adds a connection if the limits allow it; closes it otherwise.
	 * @param connection a connection just upgraded
	 * @return whether it was admitted
	 */
	boolean admit(Connection connection) {
		boolean admitted;
		synchronized (this) {
			List<Connection> toPeer = this.byPeer.getOrDefault(connection.remotePeer(), List.of());
			boolean isInbound = connection.direction() == Direction.INBOUND;
			admitted = !this.closed && toPeer.size() < this.maxPerPeer && this.size < this.maxConnections
					&& (!isInbound || this.inbound.refusal(connection.remoteAddress()) == null);
			if (admitted) {
				this.byPeer.computeIfAbsent(connection.remotePeer(), (peer) -> new ArrayList<>(2)).add(connection);
				this.size++;
				if (isInbound) {
					this.inbound.added(connection.remoteAddress());
				}
			}
		}
		if (!admitted) {
			connection.close(CloseReason.Cause.LIMIT, "connection limit reached");
		}
		return admitted;
	}

	/**
	 * Forgets a closed connection.
	 * @param connection the connection
	 */
	synchronized void remove(Connection connection) {
		List<Connection> toPeer = this.byPeer.get(connection.remotePeer());
		if (toPeer != null && toPeer.remove(connection)) {
			this.size--;
			if (connection.direction() == Direction.INBOUND) {
				this.inbound.removed(connection.remoteAddress());
			}
			if (toPeer.isEmpty()) {
				this.byPeer.remove(connection.remotePeer());
			}
		}
		this.idleSince.remove(connection);
	}

	/**
	 * Returns why a connection from an address would be refused before any handshake: the
	 * pool is closed or full, or the inbound limits are reached.
	 * @param remote the remote address
	 * @return the reason, or {@code null} if there is room
	 */
	synchronized @Nullable String inboundRefusal(Multiaddr remote) {
		if (this.closed || this.size >= this.maxConnections) {
			return "connection limit of " + this.maxConnections + " reached";
		}
		return this.inbound.refusal(remote);
	}

	synchronized Optional<Connection> connection(PeerId peer) {
		return this.byPeer.getOrDefault(peer, List.of()).stream().filter(Connection::isOpen).findFirst();
	}

	synchronized List<Connection> connections(PeerId peer) {
		return List.copyOf(this.byPeer.getOrDefault(peer, List.of()));
	}

	synchronized List<Connection> connections() {
		List<Connection> all = new ArrayList<>(this.size);
		this.byPeer.values().forEach(all::addAll);
		return all;
	}

	/**
	 * Refuses new connections from now on.
	 * @return the connections open at that moment, for the caller to close
	 */
	synchronized List<Connection> close() {
		this.closed = true;
		return connections();
	}

	/**
	 * Closes connections that have been idle for the idle timeout: no open streams and no
	 * behaviour keeping them alive.
	 * @param now the scheduler's time
	 * @param keptAlive whether a behaviour keeps a connection alive
	 */
	void closeIdle(Instant now, Predicate<Connection> keptAlive) {
		for (Connection connection : connections()) {
			if (connection.keepAliveStreamCount() > 0 || keptAlive.test(connection)) {
				synchronized (this) {
					this.idleSince.remove(connection);
				}
				continue;
			}
			Instant since;
			synchronized (this) {
				if (!this.byPeer.getOrDefault(connection.remotePeer(), List.of()).contains(connection)) {
					continue; // closed meanwhile: remembering it now would never be
								// undone
				}
				since = this.idleSince.computeIfAbsent(connection, (c) -> now);
			}
			if (Duration.between(since, now).compareTo(this.idleTimeout) >= 0) {
				logger.debug("closing idle {}", connection);
				connection.close(CloseReason.Cause.IDLE, "idle for " + this.idleTimeout.toSeconds() + " s");
			}
		}
	}

	/**
	 * Closes connections at this node's request.
	 * @param connections the connections
	 * @param reason why, for the peer and the log
	 * @return completes when all are closed
	 */
	static CompletableFuture<Void> closeAll(List<Connection> connections, String reason) {
		List<CompletableFuture<Void>> closing = new ArrayList<>();
		for (Connection connection : connections) {
			closing.add(closed(connection.close(CloseReason.Cause.LOCAL, reason)));
		}
		return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
	}

	static CompletableFuture<Void> closed(ChannelFuture closing) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		closing.addListener((future) -> done.complete(null));
		return done;
	}

}
