package io.jlibp2p.protocol.identify;

import java.util.List;

import com.google.protobuf.ByteString;
import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.internal.proto.IdentifyProto;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.PeerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdentifyMessagesTest {

	private final PrivateKey key = Keys.generate(KeyType.ED25519);

	private final PeerId peer = PeerId.fromPublicKey(this.key.publicKey());

	@Test
	void roundTripsEveryField() {
		Multiaddr listen = Multiaddr.parse("/ip4/10.0.0.1/tcp/4001");
		IdentifyInfo info = new IdentifyInfo(this.key.publicKey(), "ipfs/0.1.0", "jlibp2p", List.of(listen),
				Multiaddr.parse("/ip4/10.0.0.2/tcp/5555"), List.of("/ipfs/ping/1.0.0"), null);
		byte[] record = PeerRecord.create(this.peer, List.of(listen)).seal(this.key).marshal();
		IdentifyInfo decoded = IdentifyMessages.decode(List.of(IdentifyMessages.encode(info, record)));
		assertThat(decoded.publicKey()).isEqualTo(this.key.publicKey());
		assertThat(decoded.agentVersion()).isEqualTo("jlibp2p");
		assertThat(decoded.listenAddresses()).containsExactly(listen);
		assertThat(decoded.observedAddress()).isEqualTo(Multiaddr.parse("/ip4/10.0.0.2/tcp/5555"));
		assertThat(decoded.protocols()).containsExactly("/ipfs/ping/1.0.0");
		assertThat(decoded.signedPeerRecord().record().peerId()).isEqualTo(this.peer);
	}

	@Test
	void toleratesWhatOtherImplementationsSend() {
		byte[] message = IdentifyProto.Identify.newBuilder()
			.setPublicKey(ByteString.copyFrom(this.key.publicKey().marshal()))
			.addListenAddrs(ByteString.copyFrom(new byte[] { (byte) 0xff, 0x01 }))
			.addListenAddrs(ByteString.copyFrom(Multiaddr.parse("/ip4/1.2.3.4/tcp/1").toBytes()))
			.setObservedAddr(ByteString.copyFrom(Multiaddr.parse("/ip4/5.6.7.8/tcp/2").withPeerId(this.peer).toBytes()))
			.build()
			.toByteArray();
		IdentifyInfo info = IdentifyMessages.decode(List.of(message));
		assertThat(info.listenAddresses()).containsExactly(Multiaddr.parse("/ip4/1.2.3.4/tcp/1"));
		assertThat(info.observedAddress()).isEqualTo(Multiaddr.parse("/ip4/5.6.7.8/tcp/2"));
		assertThat(info.agentVersion()).isNull();
	}

	@Test
	void mergesSeveralMessagesLaterFieldsWinning() {
		byte[] first = IdentifyProto.Identify.newBuilder()
			.setAgentVersion("old")
			.addProtocols("/a")
			.build()
			.toByteArray();
		byte[] second = IdentifyProto.Identify.newBuilder()
			.setAgentVersion("new")
			.addProtocols("/b")
			.build()
			.toByteArray();
		IdentifyInfo info = IdentifyMessages.decode(List.of(first, second));
		assertThat(info.agentVersion()).isEqualTo("new");
		assertThat(info.protocols()).containsExactly("/b");
	}

	@Test
	void ignoresASignedRecordOfAnotherPeer() {
		PrivateKey other = Keys.generate(KeyType.ED25519);
		byte[] record = PeerRecord
			.create(PeerId.fromPublicKey(other.publicKey()), List.of(Multiaddr.parse("/ip4/6.6.6.6/tcp/6")))
			.seal(other)
			.marshal();
		IdentifyInfo info = new IdentifyInfo(this.key.publicKey(), null, null,
				List.of(Multiaddr.parse("/ip4/1.1.1.1/tcp/1")), null, List.of(), null);
		IdentifyInfo decoded = IdentifyMessages.decode(List.of(IdentifyMessages.encode(info, record)));
		assertThat(decoded.signedPeerRecord()).isNull();
		assertThat(decoded.listenAddresses()).containsExactly(Multiaddr.parse("/ip4/1.1.1.1/tcp/1"));
	}

	@Test
	void rejectsMalformedMessagesAndKeys() {
		assertThatExceptionOfType(IdentifyException.class)
			.isThrownBy(() -> IdentifyMessages.decode(List.of(new byte[] { 0x0a, 0x05, 0x01 })))
			.withMessageContaining("invalid identify message");
		byte[] badKey = IdentifyProto.Identify.newBuilder()
			.setPublicKey(ByteString.copyFrom(new byte[] { 0x08, 0x01, 0x12, 0x01, 0x00 }))
			.build()
			.toByteArray();
		assertThatExceptionOfType(IdentifyException.class).isThrownBy(() -> IdentifyMessages.decode(List.of(badKey)))
			.withMessageContaining("invalid public key");
	}

}
