package io.jlibp2p.swarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.time.Scheduler;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.Direction;

/**
 * Keeps the number of connections between two watermarks, as go-libp2p's connection
 * manager does: once more than the high watermark are open, it closes the least valuable
 * ones until the low watermark is reached. A peer's value is the sum of the weights of
 * its tags; protocols tag and protect the peers they need. Never closed by trimming: a
 * connection younger than the grace period, a connection this node dialed, and every
 * connection of a protected peer (bootstrap peers, gossipsub mesh peers, DHT routing
 * table peers). Thread-safe; trimming runs on the swarm's thread.
 */
public final class ConnectionManager {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionManager.class);

	/**
	 * How often trimming is tried besides on each new connection, as go's silence period.
	 */
	private static final Duration TRIM_PERIOD = Duration.ofSeconds(10);

	private final SwarmConfig.Watermarks watermarks;

	private final Scheduler scheduler;

	private final Supplier<List<Connection>> connections;

	private final Map<PeerId, Map<String, Integer>> tags = new HashMap<>();

	private final Map<PeerId, Set<String>> protections = new HashMap<>();

	private final Map<String, Set<PeerId>> protectedByTag = new HashMap<>();

	private final Map<Connection, Instant> established = new HashMap<>();

	/** The periodic trim and the decaying tags' timers, cancelled on close. */
	private final List<Scheduler.Cancellable> timers = new ArrayList<>();

	ConnectionManager(SwarmConfig.Watermarks watermarks, Scheduler scheduler, Supplier<List<Connection>> connections) {
		this.watermarks = watermarks;
		this.scheduler = scheduler;
		this.connections = connections;
		this.timers.add(scheduler.scheduleRepeatedly(this::trim, TRIM_PERIOD, TRIM_PERIOD));
	}

	/**
	 * Returns the watermarks and grace period this manager trims by.
	 * @return the settings
	 */
	public SwarmConfig.Watermarks watermarks() {
		return this.watermarks;
	}

	/**
	 * Gives a peer a tag worth a weight, replacing the tag's earlier weight.
	 * @param peer the peer
	 * @param tag what the tag stands for, such as {@code "kad"}
	 * @param weight how much the tag adds to the peer's value
	 */
	public synchronized void tagPeer(PeerId peer, String tag, int weight) {
		this.tags.computeIfAbsent(peer, (p) -> new HashMap<>()).put(tag, weight);
	}

	/**
	 * Removes a peer's tag.
	 * @param peer the peer
	 * @param tag the tag
	 */
	public synchronized void untagPeer(PeerId peer, String tag) {
		Map<String, Integer> peerTags = this.tags.get(peer);
		if (peerTags != null && peerTags.remove(tag) != null && peerTags.isEmpty()) {
			this.tags.remove(peer);
		}
	}

	/**
	 * Returns a peer's value: the sum of its tags' weights.
	 * @param peer the peer
	 * @return the value, 0 for an untagged peer
	 */
	public synchronized int value(PeerId peer) {
		return this.tags.getOrDefault(peer, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
	}

	/**
	 * Protects a peer's connections from trimming until every tag that protects it is
	 * removed.
	 * @param peer the peer
	 * @param tag who protects it
	 */
	public synchronized void protect(PeerId peer, String tag) {
		this.protections.computeIfAbsent(peer, (p) -> new HashSet<>()).add(tag);
		this.protectedByTag.computeIfAbsent(tag, (t) -> new HashSet<>()).add(peer);
	}

	/**
	 * Removes one protection of a peer.
	 * @param peer the peer
	 * @param tag the protection to remove
	 * @return whether the peer is still protected by another tag
	 */
	public synchronized boolean unprotect(PeerId peer, String tag) {
		Set<PeerId> byTag = this.protectedByTag.get(tag);
		if (byTag != null && byTag.remove(peer) && byTag.isEmpty()) {
			this.protectedByTag.remove(tag);
		}
		Set<String> peerProtections = this.protections.get(peer);
		if (peerProtections == null) {
			return false;
		}
		peerProtections.remove(tag);
		if (peerProtections.isEmpty()) {
			this.protections.remove(peer);
			return false;
		}
		return true;
	}

	/**
	 * Makes a set of peers exactly those a tag protects: a protocol that knows which
	 * peers it needs (a mesh, a routing table) hands over the whole set after each
	 * change.
	 * @param tag who protects them
	 * @param peers the peers to protect under this tag from now on
	 */
	public synchronized void protectExactly(String tag, Collection<PeerId> peers) {
		Set<PeerId> wanted = new HashSet<>(peers);
		for (PeerId peer : List.copyOf(this.protectedByTag.getOrDefault(tag, Set.of()))) {
			if (!wanted.contains(peer)) {
				unprotect(peer, tag);
			}
		}
		wanted.forEach((peer) -> protect(peer, tag));
	}

	/**
	 * Returns whether some tag protects a peer.
	 * @param peer the peer
	 * @return {@code true} if trimming leaves its connections alone
	 */
	public synchronized boolean isProtected(PeerId peer) {
		return this.protections.containsKey(peer);
	}

	/**
	 * Creates a tag whose weight decays over time, as go's decaying tags: a protocol
	 * bumps it for useful work (a first delivery, an answered query) and it fades unless
	 * bumped again.
	 * @param name the tag
	 * @param interval how often the weights decay
	 * @param decay a weight's next value after one interval; at 0 or below the tag goes
	 * @return the tag, to bump
	 */
	public DecayingTag decayingTag(String name, Duration interval, IntUnaryOperator decay) {
		DecayingTag tag = new DecayingTag(name);
		Scheduler.Cancellable task = this.scheduler.scheduleRepeatedly(() -> decay(name, decay), interval, interval);
		synchronized (this) {
			this.timers.add(task);
		}
		return tag;
	}

	private synchronized void decay(String name, IntUnaryOperator decay) {
		for (PeerId peer : List.copyOf(this.tags.keySet())) {
			Integer weight = this.tags.get(peer).get(name);
			if (weight != null) {
				int next = decay.applyAsInt(weight);
				if (next > 0) {
					tagPeer(peer, name, next);
				}
				else {
					untagPeer(peer, name);
				}
			}
		}
	}

	void connectionEstablished(Connection connection) {
		synchronized (this) {
			this.established.put(connection, this.scheduler.now());
		}
		trim();
	}

	synchronized void connectionClosed(Connection connection) {
		this.established.remove(connection);
	}

	/**
	 * Closes the least valuable connections while more than the high watermark are open,
	 * down to the low watermark.
	 */
	void trim() {
		List<Connection> open = this.connections.get();
		if (open.size() <= this.watermarks.high()) {
			return;
		}
		List<Connection> victims = victims(open, open.size() - this.watermarks.low());
		logger.debug("{} connections open, over the high watermark of {}: closing {}", open.size(),
				this.watermarks.high(), victims.size());
		for (Connection victim : victims) {
			victim.close(CloseReason.Cause.TRIMMED,
					"connection manager trimmed " + open.size() + " connections to " + this.watermarks.low());
		}
	}

	private synchronized List<Connection> victims(List<Connection> open, int excess) {
		Instant graceEnd = this.scheduler.now().minus(this.watermarks.gracePeriod());
		Map<PeerId, List<Connection>> byPeer = new LinkedHashMap<>();
		for (Connection connection : open) {
			Instant since = this.established.get(connection);
			if (connection.direction() == Direction.INBOUND && since != null && !since.isAfter(graceEnd)
					&& !isProtected(connection.remotePeer())) {
				byPeer.computeIfAbsent(connection.remotePeer(), (peer) -> new ArrayList<>()).add(connection);
			}
		}
		// Least valuable first; among equals the newest, as older connections have
		// proven themselves longer.
		Comparator<PeerId> order = Comparator.comparingInt(this::value)
			.thenComparing((PeerId peer) -> newest(byPeer.get(peer)), Comparator.reverseOrder());
		List<Connection> victims = new ArrayList<>();
		for (PeerId peer : byPeer.keySet().stream().sorted(order).toList()) {
			if (victims.size() >= excess) {
				break;
			}
			victims.addAll(byPeer.get(peer));
		}
		return victims;
	}

	private Instant newest(List<Connection> connections) {
		return connections.stream().map(this.established::get).max(Comparator.naturalOrder()).orElse(Instant.MIN);
	}

	void close() {
		List<Scheduler.Cancellable> tasks;
		synchronized (this) {
			tasks = List.copyOf(this.timers);
			this.timers.clear();
		}
		tasks.forEach(Scheduler.Cancellable::cancel);
	}

	/** A tag whose weight fades over time unless bumped; see {@link #decayingTag}. */
	public final class DecayingTag {

		private final String name;

		private DecayingTag(String name) {
			this.name = name;
		}

		/**
		 * Adds to a peer's weight under this tag.
		 * @param peer the peer
		 * @param delta how much to add
		 */
		public void bump(PeerId peer, int delta) {
			synchronized (ConnectionManager.this) {
				Integer weight = ConnectionManager.this.tags.getOrDefault(peer, Map.of()).get(this.name);
				tagPeer(peer, this.name, ((weight != null) ? weight : 0) + delta);
			}
		}

		/**
		 * Removes this tag from a peer.
		 * @param peer the peer
		 */
		public void remove(PeerId peer) {
			untagPeer(peer, this.name);
		}

	}

}
