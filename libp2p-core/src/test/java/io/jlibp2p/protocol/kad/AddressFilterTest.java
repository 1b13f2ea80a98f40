package io.jlibp2p.protocol.kad;

import java.util.List;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.internal.proto.KadProto;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DHT's address filter, go's WAN/LAN split: what answers pass on, both ways.
 */
class AddressFilterTest {

	private static final List<Multiaddr> MIXED = List.of(Multiaddr.parse("/ip4/203.0.113.7/tcp/4001"),
			Multiaddr.parse("/ip4/192.168.1.7/tcp/4001"), Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"),
			Multiaddr.parse("/ip6/fd00::7/tcp/4001"), Multiaddr.parse("/ip4/0.0.0.0/tcp/4001"),
			Multiaddr.parse("/ip6/::/tcp/4001"), Multiaddr.parse("/dns4/node.example.com/tcp/4001"));

	@Test
	void eachModeKeepsItsReachAndNoneKeepsUnspecifiedAddresses() {
		assertThat(AddressFilter.ALL.apply(MIXED)).hasSize(5).doesNotContain(MIXED.get(4), MIXED.get(5));
		assertThat(AddressFilter.PUBLIC.apply(MIXED)).containsExactly(MIXED.get(0), MIXED.get(6));
		assertThat(AddressFilter.PRIVATE.apply(MIXED)).containsExactly(MIXED.get(1), MIXED.get(2), MIXED.get(3),
				MIXED.get(6));
	}

	@Test
	void aPublicDhtStripsSybilAnswersOfPrivateAddresses() {
		KadProto.Message.Builder answer = KadProto.Message.newBuilder().setType(KadProto.Message.MessageType.FIND_NODE);
		for (int i = 0; i < 20; i++) {
			PeerId sybil = PeerId.fromPublicKey(Keys.generate(KeyType.ED25519).publicKey());
			answer.addCloserPeers(
					KadMessages.peer(new KadPeer(sybil, List.of(Multiaddr.parse("/ip4/10.0.0." + i + "/tcp/22"),
							Multiaddr.parse("/ip4/198.51.100." + i + "/tcp/4001")))));
		}
		KadProto.Message filtered = AddressFilter.PUBLIC.apply(answer.build());
		assertThat(KadMessages.peers(filtered.getCloserPeersList())).hasSize(20)
			.allSatisfy((peer) -> assertThat(peer.addresses()).singleElement()
				.satisfies((address) -> assertThat(address.toString()).startsWith("/ip4/198.51.100.")));
		assertThat(filtered.getCloserPeers(0).getId()).isEqualTo(answer.getCloserPeers(0).getId());
		KadProto.Message none = KadProto.Message.newBuilder().setKey(ByteString.copyFromUtf8("k")).build();
		assertThat(AddressFilter.PUBLIC.apply(none)).isSameAs(none);
	}

}
