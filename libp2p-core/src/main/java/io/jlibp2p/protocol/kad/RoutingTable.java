package io.jlibp2p.protocol.kad;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.multiformats.Cidr;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;

/**
 * A Kademlia routing table: 256 buckets of at most {@code k} peers, bucket {@code i}
 * holding peers whose key shares exactly {@code i} leading bits with this node's. A full
 * bucket never drops a peer for a newcomer: {@link #offer} names the bucket's
 * least-recently-seen peer, which the caller pings and {@linkplain #remove removes} only
 * if it does not answer. Against sybils, a bucket takes at most {@code maxPerIpGroup}
 * peers from one IPv4 /24 or IPv6 /48 of the address the peer's connection came from —
 * not the addresses it claims, which cost nothing to forge. Loopback, private, link-local
 * and unique local addresses are exempt: nodes on one host, one LAN or one Kubernetes
 * cluster share a /24 honestly. Not thread-safe: used on the swarm's thread.
 */
public final class RoutingTable {

	private final KadKey local;

	private final PeerId localPeer;

	private final int k;

	private final int maxPerIpGroup;

	private final List<LinkedHashMap<PeerId, Entry>> buckets = new ArrayList<>();

	/**
	 * Creates an empty table.
	 * @param localPeer this node
	 * @param k the bucket size
	 * @param maxPerIpGroup peers of one public /24 (IPv4) or /48 (IPv6) a bucket takes, 0
	 * for no limit
	 */
	public RoutingTable(PeerId localPeer, int k, int maxPerIpGroup) {
		if (k < 1 || maxPerIpGroup < 0) {
			throw new IllegalArgumentException("k must be positive and maxPerIpGroup not negative");
		}
		this.localPeer = localPeer;
		this.local = KadKey.of(localPeer);
		this.k = k;
		this.maxPerIpGroup = maxPerIpGroup;
		for (int i = 0; i < KadKey.BITS; i++) {
			this.buckets.add(new LinkedHashMap<>());
		}
	}

	/**
	 * Offers a peer that has proven it serves the DHT.
	 * @param peer the peer
	 * @param addresses its addresses
	 * @param observed the remote address of its connection, {@code null} if none is open
	 * @param now when it was seen
	 * @return what became of it
	 */
	public Offer offer(PeerId peer, List<Multiaddr> addresses, @Nullable Multiaddr observed, Instant now) {
		if (peer.equals(this.localPeer)) {
			return new Offer(Outcome.REFUSED, null);
		}
		KadKey key = KadKey.of(peer);
		LinkedHashMap<PeerId, Entry> bucket = this.buckets.get(bucketIndex(key));
		Entry known = bucket.remove(peer);
		if (known != null) {
			String group = (observed != null) ? ipGroup(observed) : known.ipGroup();
			bucket.put(peer,
					new Entry(peer, key, addresses.isEmpty() ? known.addresses() : List.copyOf(addresses), now, group));
			return new Offer(Outcome.UPDATED, null);
		}
		String group = (observed != null) ? ipGroup(observed) : null;
		if (group != null && bucket.values()
			.stream()
			.filter((entry) -> group.equals(entry.ipGroup()))
			.count() >= this.maxPerIpGroup) {
			return new Offer(Outcome.REFUSED, null);
		}
		if (bucket.size() >= this.k) {
			return new Offer(Outcome.BUCKET_FULL, bucket.values().iterator().next());
		}
		bucket.put(peer, new Entry(peer, key, List.copyOf(addresses), now, group));
		return new Offer(Outcome.ADDED, null);
	}

	/**
	 * Removes a peer, for instance one that did not answer a ping.
	 * @param peer the peer
	 * @return whether it was in the table
	 */
	public boolean remove(PeerId peer) {
		return this.buckets.get(bucketIndex(KadKey.of(peer))).remove(peer) != null;
	}

	/**
	 * Looks a peer up.
	 * @param peer the peer
	 * @return its entry, if it is in the table
	 */
	public Optional<Entry> get(PeerId peer) {
		return Optional.ofNullable(this.buckets.get(bucketIndex(KadKey.of(peer))).get(peer));
	}

	/**
	 * Returns the peers closest to a key.
	 * @param target the key
	 * @param count how many at most
	 * @return the peers, closest first
	 */
	public List<Entry> closest(KadKey target, int count) {
		List<Entry> all = new ArrayList<>();
		this.buckets.forEach((bucket) -> all.addAll(bucket.values()));
		Comparator<Entry> byDistance = (a, b) -> target.compareDistance(a.key(), b.key());
		all.sort(byDistance);
		return List.copyOf(all.subList(0, Math.min(count, all.size())));
	}

	/**
	 * Returns the non-empty buckets, least-recently-seen peer first in each.
	 * @return bucket index to entries
	 */
	public Map<Integer, List<Entry>> buckets() {
		Map<Integer, List<Entry>> view = new LinkedHashMap<>();
		for (int i = 0; i < KadKey.BITS; i++) {
			if (!this.buckets.get(i).isEmpty()) {
				view.put(i, List.copyOf(this.buckets.get(i).values()));
			}
		}
		return view;
	}

	/**
	 * Returns how many peers the table holds.
	 * @return the count
	 */
	public int size() {
		return this.buckets.stream().mapToInt(Map::size).sum();
	}

	/**
	 * Returns the bucket a key falls in.
	 * @param key the key
	 * @return the common prefix length with this node's key, at most 255
	 */
	public int bucketIndex(KadKey key) {
		return Math.min(this.local.commonPrefixLength(key), KadKey.BITS - 1);
	}

	/**
	 * Groups a public address for the diversity limit: its /24 or /48.
	 * @return the group, {@code null} without a limit or for a non-public address
	 */
	private @Nullable String ipGroup(Multiaddr observed) {
		if (this.maxPerIpGroup == 0) {
			return null;
		}
		byte[] ip = Cidr.ip(observed).orElse(null);
		if (ip == null || !Cidr.isPublic(ip)) {
			return null;
		}
		return Cidr.subnet(ip);
	}

	/**
	 * A peer in the table.
	 *
	 * @param peer the peer
	 * @param key its point in the key space
	 * @param addresses its addresses
	 * @param lastSeen when it last proved alive
	 * @param ipGroup the /24 or /48 of its connection's public address, if it has one
	 */
	public record Entry(PeerId peer, KadKey key, List<Multiaddr> addresses, Instant lastSeen,
			@Nullable String ipGroup) {
	}

	/**
	 * What became of an offered peer.
	 *
	 * @param outcome the outcome
	 * @param pingFirst with {@link Outcome#BUCKET_FULL}: the bucket's least-recently-seen
	 * peer, to ping and remove if it is gone before offering the newcomer again
	 */
	public record Offer(Outcome outcome, @Nullable Entry pingFirst) {
	}

	/**
	 * The outcomes of an offer.
	 */
	public enum Outcome {

		/** A new entry. */
		ADDED,

		/** Already there: now the most recently seen of its bucket. */
		UPDATED,

		/** The bucket is full of peers not known to be gone. */
		BUCKET_FULL,

		/** This node itself, or too many peers of its IP group in the bucket. */
		REFUSED

	}

}
