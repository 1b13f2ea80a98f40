package io.jlibp2p.protocol.pubsub;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.peer.PeerId;

/**
 * Gossipsub's backoffs: per topic, until when a pruned peer may not be grafted again.
 * Used on the swarm's thread only.
 */
final class Backoffs {

	private final Map<String, Map<PeerId, Instant>> until = new HashMap<>();

	/**
	 * Starts or extends a backoff; a shorter one never cuts a longer one short.
	 * @param topic the topic
	 * @param peer the peer
	 * @param end when it ends
	 */
	void set(String topic, PeerId peer, Instant end) {
		this.until.computeIfAbsent(topic, (t) -> new HashMap<>()).merge(peer, end, (a, b) -> a.isAfter(b) ? a : b);
	}

	@Nullable Instant until(String topic, PeerId peer) {
		return this.until.getOrDefault(topic, Map.of()).get(peer);
	}

	boolean active(String topic, PeerId peer, Instant now) {
		Instant end = until(topic, peer);
		return end != null && end.isAfter(now);
	}

	void expire(Instant now) {
		this.until.values().forEach((byPeer) -> byPeer.values().removeIf((end) -> !end.isAfter(now)));
		this.until.values().removeIf(Map::isEmpty);
	}

	/**
	 * Bounds a backoff a peer asked for in a PRUNE to an hour, so that a peer cannot make
	 * this node keep an entry for long.
	 * @param seconds the seconds asked for, 0 for none
	 * @param otherwise the backoff when none was asked for
	 * @return the backoff
	 */
	static Duration requested(long seconds, Duration otherwise) {
		return (seconds > 0) ? Duration.ofSeconds(Math.min(seconds, Duration.ofHours(1).toSeconds())) : otherwise;
	}

}
