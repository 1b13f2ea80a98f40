package io.jlibp2p.protocol.pubsub;

import java.nio.charset.StandardCharsets;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.peer.PeerId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageSigningTest {

	private static final byte[] DATA = "payload".getBytes(StandardCharsets.UTF_8);

	private static PubsubProto.Message signed(PrivateKey key) {
		return MessageSigning.create(SignaturePolicy.STRICT_SIGN, key, PeerId.fromPublicKey(key.publicKey()), 42,
				"topic", DATA);
	}

	@ParameterizedTest
	@EnumSource(KeyType.class)
	void signedMessagesOfEveryKeyTypeVerifyAndNameTheirAuthor(KeyType type) {
		PrivateKey key = (type == KeyType.RSA) ? Keys.generateRsa(2048) : Keys.generate(type);
		PubsubProto.Message message = signed(key);
		PeerId author = PeerId.fromPublicKey(key.publicKey());
		// The key travels only when the PeerId does not inline it.
		assertThat(message.hasKey()).isEqualTo(author.extractPublicKey().isEmpty());
		assertThat(MessageSigning.check(SignaturePolicy.STRICT_SIGN, message))
			.isEqualTo(new Author(author, key.publicKey(), 42));
	}

	@Test
	void refusesTamperedDataForeignKeysAndShortSequenceNumbers() {
		PrivateKey key = Keys.generate(KeyType.ED25519);
		PubsubProto.Message message = signed(key);
		assertThatThrownBy(() -> MessageSigning.check(SignaturePolicy.STRICT_SIGN,
				message.toBuilder().setData(ByteString.copyFromUtf8("other")).build()))
			.isInstanceOf(PubsubException.class)
			.hasMessageContaining("signature does not verify");
		PrivateKey stranger = Keys.generate(KeyType.SECP256K1);
		assertThatThrownBy(() -> MessageSigning.check(SignaturePolicy.STRICT_SIGN,
				message.toBuilder().setKey(ByteString.copyFrom(stranger.publicKey().marshal())).build()))
			.isInstanceOf(PubsubException.class)
			.hasMessageContaining("not the key of");
		assertThatThrownBy(() -> MessageSigning.check(SignaturePolicy.STRICT_SIGN,
				message.toBuilder().setSeqno(ByteString.copyFrom(new byte[4])).build()))
			.isInstanceOf(PubsubException.class)
			.hasMessageContaining("not 8");
		assertThatThrownBy(
				() -> MessageSigning.check(SignaturePolicy.STRICT_SIGN, message.toBuilder().clearSignature().build()))
			.isInstanceOf(PubsubException.class)
			.hasMessageContaining("StrictSign needs");
	}

	@Test
	void strictNoSignCarriesNoAuthorAndRefusesSignedMessages() {
		PrivateKey key = Keys.generate(KeyType.ED25519);
		PubsubProto.Message anonymous = MessageSigning.create(SignaturePolicy.STRICT_NO_SIGN, key,
				PeerId.fromPublicKey(key.publicKey()), 1, "topic", DATA);
		assertThat(anonymous.hasFrom() || anonymous.hasSeqno() || anonymous.hasSignature()).isFalse();
		assertThat(MessageSigning.check(SignaturePolicy.STRICT_NO_SIGN, anonymous)).isNull();
		assertThatThrownBy(() -> MessageSigning.check(SignaturePolicy.STRICT_NO_SIGN, signed(key)))
			.isInstanceOf(PubsubException.class);
	}

	@Test
	void messageIdsFollowGoAndJs() {
		PrivateKey key = Keys.generate(KeyType.ED25519);
		PeerId peer = PeerId.fromPublicKey(key.publicKey());
		Author author = new Author(peer, key.publicKey(), 0x0102030405060708L);
		byte[] seqno = { 1, 2, 3, 4, 5, 6, 7, 8 };
		assertThat(MessageIdFunction.FROM_AND_SEQNO.idBytes(author, "t", DATA))
			.isEqualTo(concat(peer.toBytes(), seqno));
		assertThat(MessageIdFunction.PUBLIC_KEY_AND_SEQNO.idBytes(author, "t", DATA))
			.isEqualTo(concat(key.publicKey().marshal(), seqno));
		assertThat(MessageIdFunction.SHA256_OF_DATA.idBytes(null, "t", DATA)).hasSize(32);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] joined = new byte[a.length + b.length];
		System.arraycopy(a, 0, joined, 0, a.length);
		System.arraycopy(b, 0, joined, a.length, b.length);
		return joined;
	}

}
