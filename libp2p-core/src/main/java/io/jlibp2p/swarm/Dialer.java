package io.jlibp2p.swarm;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.swarm.SwarmEvent.DialFailed;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.Direction;
import io.jlibp2p.transport.NetworkMetrics;
import io.jlibp2p.transport.Transport;

/**
 * The swarm's outbound side: dials an address within the limit of dials in progress and
 * the dial timeout, shares one attempt among simultaneous dials of a peer, and dials all
 * known addresses of a peer at once, keeping the first connection that succeeds.
 */
final class Dialer {

	private final Swarm swarm;

	private final SwarmConfig config;

	private final NetworkMetrics metrics;

	private final Map<PeerId, CompletableFuture<Connection>> pending = new ConcurrentHashMap<>();

	private final AtomicInteger inProgress = new AtomicInteger();

	Dialer(Swarm swarm, SwarmConfig config, NetworkMetrics metrics) {
		this.swarm = swarm;
		this.config = config;
		this.metrics = metrics;
	}

	CompletableFuture<Connection> dial(Multiaddr address) {
		Optional<PeerId> peer = address.peerId();
		if (peer.isEmpty()) {
			return dialAddress(address, null);
		}
		return shared(peer.get(), () -> dialAddress(address, peer.get()));
	}

	CompletableFuture<Connection> dial(PeerId peer) {
		return shared(peer, () -> dialAll(peer));
	}

	/**
	 * Reuses an open connection to a peer, or joins the attempt in progress, or starts
	 * one that later dials of the peer join.
	 */
	private CompletableFuture<Connection> shared(PeerId peer, Supplier<CompletableFuture<Connection>> attempt) {
		if (peer.equals(this.swarm.localPeer())) {
			return CompletableFuture.failedFuture(new SwarmException("a node does not dial itself (" + peer + ")"));
		}
		Optional<Connection> existing = this.swarm.connection(peer);
		if (existing.isPresent()) {
			return CompletableFuture.completedFuture(existing.get());
		}
		CompletableFuture<Connection> started = new CompletableFuture<>();
		CompletableFuture<Connection> inProgress = this.pending.putIfAbsent(peer, started);
		if (inProgress != null) {
			return inProgress;
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
		return started;
	}

	private CompletableFuture<Connection> dialAll(PeerId peer) {
		List<Multiaddr> addresses = this.swarm.peerStore()
			.addresses(peer)
			.stream()
			.filter((address) -> this.swarm.transport(address).isPresent())
			.toList();
		if (addresses.isEmpty()) {
			return CompletableFuture.failedFuture(new SwarmException("no known dialable address for " + peer));
		}
		CompletableFuture<Connection> first = new CompletableFuture<>();
		AtomicInteger failures = new AtomicInteger();
		for (Multiaddr address : addresses) {
			dialAddress(address.withoutPeerId(), peer).whenComplete((connection, failure) -> {
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

	private CompletableFuture<Connection> dialAddress(Multiaddr address, @Nullable PeerId peer) {
		if (this.swarm.isClosed()) {
			return CompletableFuture.failedFuture(new SwarmException("the swarm is closed"));
		}
		Transport transport = this.swarm.transport(address).orElse(null);
		if (transport == null) {
			SwarmException failure = new SwarmException("no transport for " + address);
			this.swarm.emit(new DialFailed(address, peer, failure));
			return CompletableFuture.failedFuture(failure);
		}
		if (this.inProgress.incrementAndGet() > this.config.maxPendingOutbound()) {
			this.inProgress.decrementAndGet();
			return CompletableFuture.failedFuture(new SwarmException(
					this.config.maxPendingOutbound() + " dials are already in progress; try again later"));
		}
		CompletableFuture<Connection> upgraded = new CompletableFuture<>();
		Channel[] raw = new Channel[1];
		transport.connect(address, this.config.dialTimeout(), (channel) -> {
			raw[0] = channel;
			this.swarm.upgrade(channel, Direction.OUTBOUND, address.withoutPeerId(), peer)
				.whenComplete((connection, failure) -> {
					if (failure != null) {
						upgraded.completeExceptionally(failure);
					}
					else {
						upgraded.complete(connection);
					}
				});
		}).whenComplete((channel, failure) -> {
			if (failure != null) {
				upgraded.completeExceptionally(failure);
			}
		});
		return upgraded.orTimeout(this.config.dialTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((connection, failure) -> {
				this.inProgress.decrementAndGet();
				if (failure != null) {
					if (raw[0] != null) {
						raw[0].close();
					}
					this.metrics.upgradeFailed(Failures.classify(failure));
					this.metrics.dialFailed();
					this.swarm.emit(new DialFailed(address, peer, failure));
				}
			})
			.thenApply((connection) -> {
				if (!this.swarm.established(connection)) {
					throw new SwarmException("connection limit reached for " + connection.remotePeer());
				}
				return connection;
			});
	}

}
