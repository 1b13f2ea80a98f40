package io.jlibp2p.resources;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;

/**
 * Counts streams and memory in scopes (system, transient, protocol, peer, connection,
 * stream) and refuses what would take a scope past its limits, as go-libp2p's resource
 * manager does: a reservation is made in every scope of its chain or in none, and a
 * refusal is a {@link ResourceLimitException} naming the scope and the resource, a count
 * in {@link #blocked} and a debug line. Thread-safe: one lock, held only while counting.
 */
public final class ResourceManager {

	private static final Logger logger = LoggerFactory.getLogger(ResourceManager.class);

	private static final long UNLIMITED_VALUE = Integer.MAX_VALUE;

	private static final ResourceLimits.ScopeLimits NO_LIMITS = new ResourceLimits.ScopeLimits((int) UNLIMITED_VALUE,
			(int) UNLIMITED_VALUE, Long.MAX_VALUE / 4);

	/** A manager that counts but never refuses, for muxers used on their own. */
	public static final ResourceManager UNLIMITED = new ResourceManager(new ResourceLimits(NO_LIMITS, NO_LIMITS,
			NO_LIMITS, NO_LIMITS, NO_LIMITS, NO_LIMITS, ResourceLimits.Allowlist.NONE));

	private final ResourceLimits limits;

	private final ScopeCounters system;

	private final ScopeCounters negotiating;

	private final Map<String, ScopeCounters> protocols = new HashMap<>();

	private final Map<PeerId, ScopeCounters> peers = new HashMap<>();

	private final Map<ScopeKind, Map<Resource, LongAdder>> blocked = new EnumMap<>(ScopeKind.class);

	/**
	 * Creates a manager.
	 * @param limits the limits of each kind of scope
	 */
	public ResourceManager(ResourceLimits limits) {
		this.limits = limits;
		this.system = new ScopeCounters(ScopeKind.SYSTEM, "", limits.system());
		this.negotiating = new ScopeCounters(ScopeKind.TRANSIENT, "", limits.negotiating());
		for (ScopeKind kind : ScopeKind.values()) {
			Map<Resource, LongAdder> counts = new EnumMap<>(Resource.class);
			for (Resource resource : Resource.values()) {
				counts.put(resource, new LongAdder());
			}
			this.blocked.put(kind, counts);
		}
	}

	/**
	 * Returns the limits.
	 * @return the limits of each kind of scope
	 */
	public ResourceLimits limits() {
		return this.limits;
	}

	/**
	 * Opens the scope of an upgraded connection; its streams are opened from it.
	 * @param peer the remote peer
	 * @param remote the remote address, checked against the allowlist
	 * @return the connection's scope, to close with the connection
	 */
	public ConnectionScope openConnection(PeerId peer, Multiaddr remote) {
		ScopeCounters peerCounters;
		synchronized (this) {
			peerCounters = this.peers.computeIfAbsent(peer,
					(p) -> new ScopeCounters(ScopeKind.PEER, p, this.limits.peer()));
			peerCounters.holders++;
		}
		return new ConnectionScope(this, peerCounters,
				new ScopeCounters(ScopeKind.CONNECTION, "", this.limits.connection()),
				this.limits.allowlist().allows(peer, remote));
	}

	/**
	 * Takes a file descriptor for a socket the node accepted or is about to dial.
	 * @return {@code false}, counted as blocked, if the node holds as many as it may
	 */
	public boolean tryOpenFileDescriptor() {
		try {
			reserve(List.of(this.system), Resource.FILE_DESCRIPTORS, 1, false);
			return true;
		}
		catch (ResourceLimitException ex) {
			return false;
		}
	}

	/** Gives back the file descriptor of a socket that closed. */
	public void closeFileDescriptor() {
		release(List.of(this.system), Resource.FILE_DESCRIPTORS, 1);
	}

	/**
	 * Returns how many reservations a kind of scope refused.
	 * @param scope the kind of scope
	 * @param resource the resource
	 * @return the count since start
	 */
	public long blocked(ScopeKind scope, Resource resource) {
		return this.blocked.get(scope).get(resource).sum();
	}

	/**
	 * Returns what the whole node holds.
	 * @return the system scope's usage
	 */
	public synchronized ScopeUsage systemUsage() {
		return this.system.usage();
	}

	/**
	 * Returns what the system, transient and protocol scopes hold, and the peers that
	 * hold the most memory.
	 * @param topPeers how many peers to include
	 * @return the scopes' usage
	 */
	public synchronized List<ScopeUsage> usage(int topPeers) {
		List<ScopeUsage> usage = new ArrayList<>();
		usage.add(this.system.usage());
		usage.add(this.negotiating.usage());
		this.protocols.values()
			.stream()
			.sorted(Comparator.comparing((ScopeCounters counters) -> counters.name))
			.forEach((counters) -> usage.add(counters.usage()));
		this.peers.values()
			.stream()
			.sorted(Comparator.comparingLong((ScopeCounters counters) -> counters.used(Resource.MEMORY))
				.thenComparingLong((counters) -> counters.used(Resource.STREAMS_INBOUND))
				.reversed())
			.limit(topPeers)
			.forEach((counters) -> usage.add(counters.usage()));
		return List.copyOf(usage);
	}

	synchronized ScopeCounters protocol(String protocol) {
		return this.protocols.computeIfAbsent(protocol,
				(p) -> new ScopeCounters(ScopeKind.PROTOCOL, p, this.limits.protocol()));
	}

	ScopeCounters system() {
		return this.system;
	}

	ScopeCounters negotiating() {
		return this.negotiating;
	}

	/**
	 * Reserves an amount in every scope of a chain, or in none.
	 * @throws ResourceLimitException naming the first scope it would overflow
	 */
	synchronized void reserve(List<ScopeCounters> chain, Resource resource, long amount, boolean allowlisted) {
		if (!allowlisted) {
			for (ScopeCounters scope : chain) {
				if (!scope.fits(resource, amount)) {
					this.blocked.get(scope.kind).get(resource).increment();
					ResourceLimitException refusal = new ResourceLimitException(scope.kind, scope.name, resource,
							scope.limits.of(resource));
					logger.debug("refused {} {}: {}", amount, resource.tag(), refusal.getMessage());
					throw refusal;
				}
			}
		}
		chain.forEach((scope) -> scope.add(resource, amount));
	}

	/**
	 * Reserves memory a stream can do without, such as a window beyond the minimum: only
	 * while every scope of the chain stays within half its limit after it, as go-yamux
	 * reserves window growth at priority 128 of 255. A refusal is not counted as blocked:
	 * nothing failed.
	 * @return whether it was reserved
	 */
	synchronized boolean reserveSpareMemory(List<ScopeCounters> chain, long amount, boolean allowlisted) {
		if (!allowlisted && !withinSpareShare(chain, amount)) {
			return false;
		}
		chain.forEach((scope) -> scope.add(Resource.MEMORY, amount));
		return true;
	}

	/**
	 * Returns whether some scope of the chain holds more than its spare share of memory,
	 * so that spare reservations should be given back.
	 */
	synchronized boolean isMemoryShort(List<ScopeCounters> chain, boolean allowlisted) {
		return !allowlisted && !withinSpareShare(chain, 0);
	}

	private static boolean withinSpareShare(List<ScopeCounters> chain, long amount) {
		for (ScopeCounters scope : chain) {
			if (scope.used(Resource.MEMORY) + amount > scope.limits.of(Resource.MEMORY) / 2) {
				return false;
			}
		}
		return true;
	}

	synchronized void release(List<ScopeCounters> chain, Resource resource, long amount) {
		chain.forEach((scope) -> scope.add(resource, -amount));
		forgetUnused(chain);
	}

	synchronized void released(ScopeCounters holder) {
		holder.holders--;
		forgetUnused(List.of(holder));
	}

	private void forgetUnused(List<ScopeCounters> chain) {
		for (ScopeCounters scope : chain) {
			if (scope.unused()) {
				if (scope.kind == ScopeKind.PEER) {
					this.peers.remove(scope.key, scope);
				}
				else if (scope.kind == ScopeKind.PROTOCOL) {
					this.protocols.remove(scope.key, scope);
				}
			}
		}
	}

}
