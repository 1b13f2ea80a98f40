package io.jlibp2p.swarm;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.StreamHandler;

/**
 * Keeps this node connected to configured bootstrap peers: dials them when the swarm
 * starts, keeps their connections open, and when one is lost dials again after a back-off
 * that doubles with every failed attempt, from {@code minBackoff} up to
 * {@code maxBackoff}, and starts over after a success.
 */
public final class BootstrapPeers implements NetworkBehaviour {

	private static final Logger logger = LoggerFactory.getLogger(BootstrapPeers.class);

	private final Map<PeerId, Multiaddr> peers;

	private final Duration minBackoff;

	private final Duration maxBackoff;

	private final Map<PeerId, Duration> backoff = new HashMap<>();

	private final Map<PeerId, Integer> attempts = new HashMap<>();

	private @Nullable Swarm swarm;

	private volatile boolean detached;

	/**
	 * Creates the behaviour.
	 * @param addresses the bootstrap peers' addresses, each with {@code /p2p/}
	 * @param minBackoff the first wait before dialing a lost peer again
	 * @param maxBackoff the longest wait
	 * @throws IllegalArgumentException if an address lacks {@code /p2p/}
	 */
	public BootstrapPeers(List<Multiaddr> addresses, Duration minBackoff, Duration maxBackoff) {
		this.peers = addresses.stream()
			.collect(
					Collectors.toUnmodifiableMap(
							(address) -> address.peerId()
								.orElseThrow(() -> new IllegalArgumentException(
										"bootstrap address " + address + " lacks /p2p/")),
							(address) -> address, (first, second) -> first));
		if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
			throw new IllegalArgumentException("bootstrap back-off needs 0 < min <= max");
		}
		this.minBackoff = minBackoff;
		this.maxBackoff = maxBackoff;
	}

	@Override
	public Map<String, StreamHandler> protocols() {
		return Map.of();
	}

	@Override
	public void attached(Swarm swarm) {
		this.swarm = swarm;
		this.peers.keySet().forEach((peer) -> swarm.connectionManager().protect(peer, "bootstrap"));
		swarm.execute(() -> this.peers.keySet().forEach(this::dial));
	}

	@Override
	public void detached() {
		this.detached = true;
	}

	/**
	 * Returns the bootstrap peers.
	 * @return their PeerIds
	 */
	public Set<PeerId> peers() {
		return this.peers.keySet();
	}

	/**
	 * Returns how many times a bootstrap peer has been dialed.
	 * @param peer the peer
	 * @return the number of dial attempts so far
	 */
	public int attempts(PeerId peer) {
		return this.attempts.getOrDefault(peer, 0);
	}

	private void dial(PeerId peer) {
		Swarm node = this.swarm;
		if (node == null || this.detached || node.connection(peer).isPresent()) {
			return;
		}
		this.attempts.merge(peer, 1, Integer::sum);
		node.dial(this.peers.get(peer)).whenComplete((connection, failure) -> node.execute(() -> {
			if (failure == null) {
				this.backoff.remove(peer);
			}
			else {
				logger.debug("bootstrap peer {} unreachable: {}", peer, failure.getMessage());
				retry(peer);
			}
		}));
	}

	private void retry(PeerId peer) {
		Swarm node = this.swarm;
		if (node == null || this.detached) {
			return;
		}
		Duration wait = this.backoff.getOrDefault(peer, this.minBackoff);
		Duration next = wait.multipliedBy(2);
		this.backoff.put(peer, (next.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : next);
		node.schedule(() -> dial(peer), wait);
	}

	@Override
	public void connectionClosed(Connection connection) {
		PeerId peer = connection.remotePeer();
		Swarm node = this.swarm;
		if (this.peers.containsKey(peer) && node != null && node.connection(peer).isEmpty()) {
			logger.info("lost bootstrap peer {}; dialing again", peer);
			retry(peer);
		}
	}

	@Override
	public boolean keepAlive(Connection connection) {
		return this.peers.containsKey(connection.remotePeer());
	}

}
