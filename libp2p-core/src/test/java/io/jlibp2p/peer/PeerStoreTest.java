package io.jlibp2p.peer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.Multihash;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PeerStoreTest {

	private final PeerStore store = new PeerStore();

	private static PeerId peer(int n) {
		return PeerId.fromBytes(Multihash.sha256(new byte[] { (byte) (n >> 16), (byte) (n >> 8), (byte) n }).toBytes());
	}

	@Test
	void keepsAddressesUntilTheyExpireWithoutPeerIds() {
		PeerId peer = peer(1);
		this.store.addAddresses(peer, List.of(Multiaddr.parse("/ip4/1.2.3.4/tcp/1").withPeerId(peer)),
				Duration.ofHours(1));
		this.store.addAddresses(peer, List.of(Multiaddr.parse("/ip4/1.2.3.4/tcp/2")), Duration.ofNanos(1));
		assertThat(this.store.addresses(peer)).containsExactly(Multiaddr.parse("/ip4/1.2.3.4/tcp/1"));
	}

	@Test
	void boundsAddressesAndProtocolsPerPeer() {
		PeerId peer = peer(2);
		List<Multiaddr> many = new ArrayList<>();
		IntStream.range(0, 100).forEach((port) -> many.add(Multiaddr.parse("/ip4/1.2.3.4/tcp/" + port)));
		this.store.addAddresses(peer, many, Duration.ofHours(1));
		this.store.setProtocols(peer, IntStream.range(0, 300).mapToObj((n) -> "/p/" + n).toList());
		assertThat(this.store.addresses(peer)).hasSize(PeerStore.MAX_ADDRESSES)
			.contains(Multiaddr.parse("/ip4/1.2.3.4/tcp/99"));
		assertThat(this.store.get(peer).orElseThrow().protocols()).hasSize(PeerStore.MAX_PROTOCOLS);
	}

	@Test
	void evictsTheLeastRecentlyUpdatedPeerBeyondTheLimit() {
		for (int n = 0; n <= PeerStore.MAX_PEERS; n++) {
			this.store.setAgentVersion(peer(n), "agent");
		}
		assertThat(this.store.peers()).hasSize(PeerStore.MAX_PEERS).doesNotContain(peer(0)).contains(peer(1));
	}

	@Test
	void acceptsOnlyThePeersOwnKey() {
		PrivateKey key = Keys.generate(KeyType.ED25519);
		PeerId peer = PeerId.fromPublicKey(key.publicKey());
		this.store.setPublicKey(peer, key.publicKey());
		assertThat(this.store.get(peer).orElseThrow().publicKey()).isEqualTo(key.publicKey());
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.setPublicKey(peer(3), key.publicKey()));
	}

}
