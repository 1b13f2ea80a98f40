package io.jlibp2p.protocol.kad;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.kad.RoutingTable.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingTableTest {

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	private final PeerId local = randomPeer();

	private final RoutingTable table = new RoutingTable(this.local, 20, 2);

	private static PeerId randomPeer() {
		return PeerId.fromPublicKey(Keys.generate(KeyType.ED25519).publicKey());
	}

	private static List<Multiaddr> at(String ip) {
		return List.of(Multiaddr.parse("/ip4/" + ip + "/tcp/4001"));
	}

	/** Offers a peer as seen over a connection from its first address. */
	private RoutingTable.Offer offer(PeerId peer, List<Multiaddr> addresses, Instant now) {
		return this.table.offer(peer, addresses, addresses.isEmpty() ? null : addresses.get(0), now);
	}

	/** Peers in bucket 0: their key's first bit differs from this node's, half of all. */
	private List<PeerId> peersInBucketZero(int count) {
		List<PeerId> peers = new ArrayList<>();
		while (peers.size() < count) {
			PeerId peer = randomPeer();
			if (this.table.bucketIndex(KadKey.of(peer)) == 0) {
				peers.add(peer);
			}
		}
		return peers;
	}

	@Test
	void placesPeersByCommonPrefixAndRefusesItself() {
		assertThat(offer(this.local, at("10.0.0.1"), NOW).outcome()).isEqualTo(Outcome.REFUSED);
		PeerId peer = randomPeer();
		assertThat(offer(peer, at("10.0.0.1"), NOW).outcome()).isEqualTo(Outcome.ADDED);
		int index = KadKey.of(this.local).commonPrefixLength(KadKey.of(peer));
		assertThat(this.table.buckets()).containsOnlyKeys(index);
		assertThat(offer(peer, List.of(), NOW.plusSeconds(1)).outcome()).isEqualTo(Outcome.UPDATED);
		assertThat(this.table.get(peer).orElseThrow().addresses()).isEqualTo(at("10.0.0.1"));
		assertThat(this.table.get(peer).orElseThrow().lastSeen()).isEqualTo(NOW.plusSeconds(1));
	}

	@Test
	void aFullBucketKeepsItsPeersAndNamesTheStalestToPing() {
		List<PeerId> peers = peersInBucketZero(21);
		for (int i = 0; i < 20; i++) {
			assertThat(offer(peers.get(i), at("10.0." + i + ".1"), NOW.plusSeconds(i)).outcome())
				.isEqualTo(Outcome.ADDED);
		}
		// The first peer proves alive again: the second becomes the stalest.
		offer(peers.get(0), List.of(), NOW.plusSeconds(30));
		RoutingTable.Offer full = offer(peers.get(20), at("10.1.0.1"), NOW.plusSeconds(31));
		assertThat(full.outcome()).isEqualTo(Outcome.BUCKET_FULL);
		assertThat(full.pingFirst().peer()).isEqualTo(peers.get(1));
		assertThat(this.table.size()).isEqualTo(20);

		assertThat(this.table.remove(peers.get(1))).isTrue();
		assertThat(offer(peers.get(20), at("10.1.0.1"), NOW.plusSeconds(32)).outcome()).isEqualTo(Outcome.ADDED);
	}

	@Test
	void limitsPeersOfOneAddressBlockPerBucket() {
		List<PeerId> peers = peersInBucketZero(3);
		assertThat(offer(peers.get(0), at("192.0.2.1"), NOW).outcome()).isEqualTo(Outcome.ADDED);
		assertThat(offer(peers.get(1), at("192.0.2.200"), NOW).outcome()).isEqualTo(Outcome.ADDED);
		assertThat(offer(peers.get(2), at("192.0.2.7"), NOW).outcome()).isEqualTo(Outcome.REFUSED);
		assertThat(offer(peers.get(2), at("192.0.3.7"), NOW).outcome()).isEqualTo(Outcome.ADDED);
	}

	@Test
	void groupsByTheConnectionsAddressNotTheClaimedOnes() {
		List<PeerId> peers = peersInBucketZero(3);
		Multiaddr shared = Multiaddr.parse("/ip4/198.51.100.7/tcp/4001");
		assertThat(this.table.offer(peers.get(0), at("203.0.113.1"), shared, NOW).outcome()).isEqualTo(Outcome.ADDED);
		assertThat(this.table.offer(peers.get(1), at("203.0.114.1"), shared, NOW).outcome()).isEqualTo(Outcome.ADDED);
		assertThat(this.table.offer(peers.get(2), at("203.0.115.1"), shared, NOW).outcome())
			.as("claims another block, but connects from the same one")
			.isEqualTo(Outcome.REFUSED);
		assertThat(this.table.offer(peers.get(2), at("198.51.100.8"), null, NOW).outcome())
			.as("without a connection, no group")
			.isEqualTo(Outcome.ADDED);
	}

	@Test
	void exemptsLoopbackPrivateLinkLocalAndUniqueLocalAddresses() {
		for (String address : List.of("/ip4/127.0.0.1/tcp/1", "/ip4/10.1.2.3/tcp/1", "/ip4/192.168.1.2/tcp/1",
				"/ip4/172.20.0.5/tcp/1", "/ip4/169.254.9.9/tcp/1", "/ip6/fd00::1/tcp/1", "/ip6/::1/tcp/1")) {
			RoutingTable fresh = new RoutingTable(this.local, 20, 2);
			for (PeerId peer : peersInBucketZero(5)) {
				Multiaddr observed = Multiaddr.parse(address);
				assertThat(fresh.offer(peer, List.of(observed), observed, NOW).outcome()).as(address)
					.isEqualTo(Outcome.ADDED);
			}
		}
	}

	@Test
	void aLimitOfZeroGroupsNothing() {
		RoutingTable unlimited = new RoutingTable(this.local, 20, 0);
		Multiaddr shared = Multiaddr.parse("/ip4/198.51.100.7/tcp/4001");
		for (PeerId peer : peersInBucketZero(5)) {
			assertThat(unlimited.offer(peer, List.of(shared), shared, NOW).outcome()).isEqualTo(Outcome.ADDED);
		}
	}

	@Test
	void returnsTheTrulyClosestPeers() {
		List<PeerId> peers = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			PeerId peer = randomPeer();
			if (offer(peer, List.of(), NOW).outcome() == Outcome.ADDED) {
				peers.add(peer);
			}
		}
		KadKey target = KadKey.of(randomPeer());
		List<PeerId> expected = peers.stream()
			.sorted(Comparator.comparing(KadKey::of, target::compareDistance))
			.limit(20)
			.toList();
		assertThat(this.table.closest(target, 20)).extracting(RoutingTable.Entry::peer)
			.containsExactlyElementsOf(expected);
	}

	@Test
	void distancesFollowXorOfTheHashes() {
		KadKey a = KadKey.of(new byte[] { 1 });
		assertThat(a.commonPrefixLength(a)).isEqualTo(256);
		assertThat(a.compareDistance(a, KadKey.of(new byte[] { 2 }))).isNegative();
		KadKey b = KadKey.of(new byte[] { 2 });
		assertThat(a.commonPrefixLength(b)).isEqualTo(b.commonPrefixLength(a)).isBetween(0, 255);
	}

}
