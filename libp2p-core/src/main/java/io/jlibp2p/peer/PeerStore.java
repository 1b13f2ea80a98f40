package io.jlibp2p.peer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.crypto.PublicKey;
import io.jlibp2p.multiformats.Multiaddr;

/**
 * What this node knows about other peers: addresses with expiry, protocols, public keys,
 * agent versions and the last measured latency. Thread-safe. Bounded: at most
 * {@value #MAX_ADDRESSES} addresses and {@value #MAX_PROTOCOLS} protocols a peer, as
 * identify may carry more than anyone needs.
 */
public final class PeerStore {

	/** Addresses kept per peer. */
	public static final int MAX_ADDRESSES = 64;

	/** Protocols kept per peer. */
	public static final int MAX_PROTOCOLS = 256;

	/** Peers kept. */
	public static final int MAX_PEERS = 10_000;

	private final Map<PeerId, Entry> peers = new ConcurrentHashMap<>();

	/** Orders updates for eviction; a counter, so no two updates tie. */
	private final AtomicLong clock = new AtomicLong();

	/**
	 * A snapshot of what is known about one peer.
	 *
	 * @param peerId the peer
	 * @param addresses its unexpired addresses
	 * @param protocols the protocols it said it supports
	 * @param publicKey its key, if known
	 * @param agentVersion its agent version, if known
	 * @param latency the last measured round trip, if any
	 */
	public record PeerInfo(PeerId peerId, List<Multiaddr> addresses, Set<String> protocols,
			@Nullable PublicKey publicKey, @Nullable String agentVersion, @Nullable Duration latency) {
	}

	/**
	 * Adds or refreshes addresses of a peer.
	 * @param peerId the peer
	 * @param addresses the addresses (a trailing {@code /p2p/} is dropped)
	 * @param ttl how long they stay valid
	 */
	public void addAddresses(PeerId peerId, Collection<Multiaddr> addresses, Duration ttl) {
		Instant expiry = Instant.now().plus(ttl);
		Entry entry = entry(peerId);
		synchronized (entry) {
			for (Multiaddr address : addresses) {
				Multiaddr bare = address.withoutPeerId();
				entry.addresses.remove(bare);
				entry.addresses.put(bare, expiry);
				while (entry.addresses.size() > MAX_ADDRESSES) {
					entry.addresses.remove(entry.addresses.keySet().iterator().next());
				}
			}
		}
	}

	/**
	 * Replaces the protocols of a peer.
	 * @param peerId the peer
	 * @param protocols what it supports
	 */
	public void setProtocols(PeerId peerId, Collection<String> protocols) {
		Entry entry = entry(peerId);
		synchronized (entry) {
			entry.protocols = Set.copyOf(protocols.stream().limit(MAX_PROTOCOLS).toList());
		}
	}

	/**
	 * Records a peer's public key, if it is the key the PeerId was derived from.
	 * @param peerId the peer
	 * @param key the key
	 * @throws IllegalArgumentException if the key does not belong to the peer
	 */
	public void setPublicKey(PeerId peerId, PublicKey key) {
		if (!peerId.matches(key)) {
			throw new IllegalArgumentException("key does not belong to " + peerId);
		}
		entry(peerId).publicKey = key;
	}

	/**
	 * Keeps a peer's signed record if it is newer than the one kept, to hand on to
	 * others.
	 * @param record a verified record
	 */
	public void setSignedPeerRecord(SignedPeerRecord record) {
		Entry entry = entry(record.record().peerId());
		synchronized (entry) {
			SignedPeerRecord kept = entry.signedPeerRecord;
			if (kept == null || kept.record().seq() < record.record().seq()) {
				entry.signedPeerRecord = record;
			}
		}
	}

	/**
	 * Returns the newest signed record a peer sent.
	 * @param peerId the peer
	 * @return the record, if one was received
	 */
	public Optional<SignedPeerRecord> signedPeerRecord(PeerId peerId) {
		Entry entry = this.peers.get(peerId);
		return (entry != null) ? Optional.ofNullable(entry.signedPeerRecord) : Optional.empty();
	}

	/**
	 * Records a peer's agent version.
	 * @param peerId the peer
	 * @param agentVersion the agent version
	 */
	public void setAgentVersion(PeerId peerId, String agentVersion) {
		entry(peerId).agentVersion = agentVersion;
	}

	/**
	 * Records a measured round trip.
	 * @param peerId the peer
	 * @param latency the round-trip time
	 */
	public void recordLatency(PeerId peerId, Duration latency) {
		entry(peerId).latency = latency;
	}

	/**
	 * Returns what is known about a peer.
	 * @param peerId the peer
	 * @return the snapshot, or empty if nothing is known
	 */
	public Optional<PeerInfo> get(PeerId peerId) {
		Entry entry = this.peers.get(peerId);
		if (entry == null) {
			return Optional.empty();
		}
		synchronized (entry) {
			Instant now = Instant.now();
			entry.addresses.values().removeIf((expiry) -> expiry.isBefore(now));
			return Optional.of(new PeerInfo(peerId, new ArrayList<>(entry.addresses.keySet()), entry.protocols,
					entry.publicKey, entry.agentVersion, entry.latency));
		}
	}

	/**
	 * Returns the unexpired addresses of a peer.
	 * @param peerId the peer
	 * @return the addresses, newest last
	 */
	public List<Multiaddr> addresses(PeerId peerId) {
		return get(peerId).map(PeerInfo::addresses).orElse(List.of());
	}

	/**
	 * Returns the peers known.
	 * @return a snapshot of their ids
	 */
	public Set<PeerId> peers() {
		return Set.copyOf(this.peers.keySet());
	}

	/**
	 * Forgets a peer.
	 * @param peerId the peer
	 */
	public void remove(PeerId peerId) {
		this.peers.remove(peerId);
	}

	private Entry entry(PeerId peerId) {
		Entry entry = this.peers.computeIfAbsent(peerId, (id) -> new Entry());
		entry.updated = this.clock.incrementAndGet();
		if (this.peers.size() > MAX_PEERS) {
			evictOldest(peerId);
		}
		return entry;
	}

	private void evictOldest(PeerId keep) {
		this.peers.entrySet()
			.stream()
			.filter((candidate) -> !candidate.getKey().equals(keep))
			.min((a, b) -> Long.compare(a.getValue().updated, b.getValue().updated))
			.ifPresent((oldest) -> this.peers.remove(oldest.getKey(), oldest.getValue()));
	}

	private static final class Entry {

		private final LinkedHashMap<Multiaddr, Instant> addresses = new LinkedHashMap<>();

		private Set<String> protocols = Set.of();

		private volatile @Nullable PublicKey publicKey;

		private volatile @Nullable String agentVersion;

		private volatile @Nullable Duration latency;

		private volatile @Nullable SignedPeerRecord signedPeerRecord;

		private volatile long updated;

	}

}
