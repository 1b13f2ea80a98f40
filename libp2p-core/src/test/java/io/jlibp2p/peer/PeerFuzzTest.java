package io.jlibp2p.peer;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jlibp2p.crypto.KeyEncodingException;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.crypto.PublicKey;
import io.jlibp2p.testing.Allocations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets for keys, PeerIds and signed envelopes; see {@code MultiformatsFuzzTest}
 * for how they run. Reading a key builds big integers and curve points and checks them,
 * so the fixed budget is larger than for the multiformats.
 */
class PeerFuzzTest {

	private static final long PER_UNIT = 64;

	private static final long FIXED = 512 * 1024;

	@FuzzTest
	void publicKey(byte[] input) {
		PublicKey key = Allocations.parse(input.length, PER_UNIT, FIXED, KeyEncodingException.class,
				() -> Keys.unmarshalPublicKey(input));
		if (key != null) {
			assertThat(Keys.unmarshalPublicKey(key.marshal())).isEqualTo(key);
			assertThat(key.verify(input, input)).isFalse();
		}
	}

	@FuzzTest
	void privateKey(byte[] input) {
		PrivateKey key = Allocations.parse(input.length, PER_UNIT, FIXED, KeyEncodingException.class,
				() -> Keys.unmarshalPrivateKey(input));
		if (key != null) {
			assertThat(key.publicKey().verify(input, key.sign(input))).isTrue();
			assertThat(Keys.unmarshalPrivateKey(key.marshal())).isEqualTo(key);
		}
	}

	@FuzzTest
	void peerIdText(FuzzedDataProvider data) {
		String text = data.consumeRemainingAsString();
		PeerId peerId = Allocations.parse(text.length(), PER_UNIT, FIXED, PeerIdException.class,
				() -> PeerId.parse(text));
		if (peerId != null) {
			assertThat(PeerId.parse(peerId.toString())).isEqualTo(peerId);
			assertThat(PeerId.parse(peerId.toCid())).isEqualTo(peerId);
		}
	}

	@FuzzTest
	void signedPeerRecord(byte[] input) {
		PeerRecord record = Allocations.parse(input.length, PER_UNIT, FIXED, EnvelopeException.class,
				() -> PeerRecord.open(input));
		if (record != null) {
			assertThat(record.addresses()).hasSizeLessThanOrEqualTo(PeerRecord.MAX_ADDRESSES);
			assertThat(Envelope.open(input, PeerRecord.DOMAIN).signer()).isEqualTo(record.peerId());
		}
	}

}
