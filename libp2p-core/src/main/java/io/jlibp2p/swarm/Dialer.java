package io.jlibp2p.swarm;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.PeerStore;
import io.jlibp2p.resources.ResourceLimitException;
import io.jlibp2p.swarm.SwarmEvent.DialFailed;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.ConnectionGater;
import io.jlibp2p.transport.Direction;
import io.jlibp2p.transport.GatedException;
import io.jlibp2p.transport.NetworkMetrics;
import io.jlibp2p.transport.Transport;

/**
 * The swarm's outbound side: dials an address within the limit of dials in progress and
 * the dial timeout, shares one attempt among simultaneous dials of a peer, and dials all
 * known addresses of a peer at once, keeping the first connection that succeeds. It owns
 * what dialing needs and reports failures as events.
 */
final class Dialer {

	private final PeerId localPeer;

	private final SwarmConfig config;

	private final Transports transports;

	private final PeerStore peerStore;

	private final ConnectionPool pool;

	private final ConnectionLifecycle lifecycle;

	private final NetworkMetrics metrics;

	private final Consumer<SwarmEvent> events;

	private final ConnectionGater gater;

	private final Map<PeerId, CompletableFuture<Connection>> pending = new ConcurrentHashMap<>();

	private final AtomicInteger inProgress = new AtomicInteger();

	/**
	 * Creates the dialer of a swarm.
	 * @param localPeer this node, which it refuses to dial
	 * @param config the limits and timeouts
	 * @param transports the transports that dial
	 * @param peerStore where a peer's addresses are found
	 * @param pool the open connections, reused when a peer is dialed again
	 * @param lifecycle upgrades and admits new connections
	 * @param metrics where failed dials are counted
	 * @param events where failed dials are reported
	 * @param gater asked before dialing a peer and each address
	 */
	Dialer(PeerId localPeer, SwarmConfig config, Transports transports, PeerStore peerStore, ConnectionPool pool,
			ConnectionLifecycle lifecycle, NetworkMetrics metrics, Consumer<SwarmEvent> events, ConnectionGater gater) {
		this.localPeer = localPeer;
		this.config = config;
		this.transports = transports;
		this.peerStore = peerStore;
		this.pool = pool;
		this.lifecycle = lifecycle;
		this.metrics = metrics;
		this.events = events;
		this.gater = gater;
	}

	CompletableFuture<Connection> dial(Multiaddr address) {
		Optional<PeerId> peer = address.peerId();
		Multiaddr bare = address.withoutPeerId();
		if (peer.isEmpty()) {
			return dialAddress(bare, null);
		}
		return shared(peer.get(), () -> dialAddress(bare, peer.get()));
	}

	CompletableFuture<Connection> dial(PeerId peer) {
		return shared(peer, () -> dialAll(peer));
	}

	/**
	 * Reuses an open connection to a peer, or joins the attempt in progress, or starts
	 * one that later dials of the peer join. Each caller gets a view of its own
	 * ({@link CompletableFuture#copy()}): one caller completing or timing out its future
	 * leaves the attempt and the other callers alone.
	 */
	private CompletableFuture<Connection> shared(PeerId peer, Supplier<CompletableFuture<Connection>> attempt) {
		if (peer.equals(this.localPeer)) {
			return CompletableFuture.failedFuture(new SwarmException("a node does not dial itself (" + peer + ")"));
		}
		Optional<Connection> existing = this.pool.connection(peer);
		if (existing.isPresent()) {
			return CompletableFuture.completedFuture(existing.get());
		}
		if (!this.gater.allowPeerDial(peer)) {
			this.metrics.gaterRefused(ConnectionGater.Checkpoint.PEER_DIAL);
			return CompletableFuture.failedFuture(new GatedException(ConnectionGater.Checkpoint.PEER_DIAL, peer));
		}
		CompletableFuture<Connection> started = new CompletableFuture<>();
		CompletableFuture<Connection> inProgress = this.pending.putIfAbsent(peer, started);
		if (inProgress != null) {
			return inProgress.copy();
		}
		attempt.get().whenComplete((connection, failure) -> {
			this.pending.remove(peer, started);
			if (failure != null) {
				started.completeExceptionally(failure);
			}
			else {
				started.complete(connection);
			}
		});
		return started.copy();
	}

	private CompletableFuture<Connection> dialAll(PeerId peer) {
		List<Multiaddr> addresses = this.peerStore.addresses(peer)
			.stream()
			.map(Multiaddr::withoutPeerId)
			.filter((address) -> this.transports.forAddress(address).isPresent())
			.toList();
		if (addresses.isEmpty()) {
			return CompletableFuture.failedFuture(new SwarmException("no known dialable address for " + peer));
		}
		CompletableFuture<Connection> first = new CompletableFuture<>();
		AtomicInteger failures = new AtomicInteger();
		for (Multiaddr address : addresses) {
			dialAddress(address, peer).whenComplete((connection, failure) -> {
				if (failure == null) {
					if (!first.complete(connection)) {
						connection.close(CloseReason.Cause.LOCAL, "another address of the peer connected first");
					}
				}
				else if (failures.incrementAndGet() == addresses.size()) {
					first.completeExceptionally(new SwarmException("all " + addresses.size() + " addresses of " + peer
							+ " failed; last: " + Failures.rootMessage(failure)));
				}
			});
		}
		return first;
	}

	/**
	 * Dials one address.
	 * @param address the address, without {@code /p2p/}
	 * @param peer the peer that must answer there, or {@code null} for any
	 */
	private CompletableFuture<Connection> dialAddress(Multiaddr address, @Nullable PeerId peer) {
		if (this.lifecycle.isClosed()) {
			return CompletableFuture.failedFuture(new SwarmException("the swarm is closed"));
		}
		if (!this.gater.allowAddressDial(peer, address)) {
			this.metrics.gaterRefused(ConnectionGater.Checkpoint.ADDRESS_DIAL);
			GatedException refused = new GatedException(ConnectionGater.Checkpoint.ADDRESS_DIAL, address);
			this.events.accept(new DialFailed(address, peer, refused));
			return CompletableFuture.failedFuture(refused);
		}
		Transport transport = this.transports.forAddress(address).orElse(null);
		if (transport == null) {
			SwarmException failure = new SwarmException("no transport for " + address);
			this.events.accept(new DialFailed(address, peer, failure));
			return CompletableFuture.failedFuture(failure);
		}
		if (this.inProgress.incrementAndGet() > this.config.limits().pendingOutbound()) {
			this.inProgress.decrementAndGet();
			return CompletableFuture.failedFuture(new SwarmException(
					this.config.limits().pendingOutbound() + " dials are already in progress; try again later"));
		}
		ResourceLimitException noSocket = this.lifecycle.reserveFileDescriptor();
		if (noSocket != null) {
			this.inProgress.decrementAndGet();
			this.metrics.dialFailed();
			this.events.accept(new DialFailed(address, peer, noSocket));
			return CompletableFuture.failedFuture(noSocket);
		}
		CompletableFuture<Connection> upgraded = new CompletableFuture<>();
		Channel[] raw = new Channel[1];
		transport.connect(address, this.config.timeouts().dial(), (channel) -> {
			raw[0] = channel;
			this.lifecycle.releaseFileDescriptorOnClose(channel);
			this.lifecycle.upgrade(channel, Direction.OUTBOUND, address, peer).whenComplete((connection, failure) -> {
				if (failure != null) {
					upgraded.completeExceptionally(failure);
				}
				else {
					upgraded.complete(connection);
				}
			});
		}).whenComplete((channel, failure) -> {
			if (failure != null) {
				if (raw[0] == null) {
					// no socket was made, so none will close
					this.lifecycle.releaseFileDescriptor();
				}
				upgraded.completeExceptionally(failure);
			}
		});
		return upgraded.orTimeout(this.config.timeouts().dial().toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((connection, failure) -> {
				this.inProgress.decrementAndGet();
				if (failure != null) {
					if (raw[0] != null) {
						raw[0].close();
					}
					this.metrics.upgradeFailed(Failures.classify(failure));
					this.metrics.dialFailed();
					this.events.accept(new DialFailed(address, peer, failure));
				}
			})
			.thenApply((connection) -> {
				this.lifecycle.admit(connection);
				return connection;
			});
	}

}
