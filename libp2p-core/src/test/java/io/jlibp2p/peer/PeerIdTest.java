package io.jlibp2p.peer;

import java.util.HexFormat;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PeerIdTest {

	private static final HexFormat HEX = HexFormat.of();

	private static final String ED25519_PEER = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";

	@Test
	void parsesBothTextFormsOfTheSpecVector() {
		PeerId base58 = PeerId.parse(ED25519_PEER);
		PeerId cid = PeerId.parse("bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6");
		assertThat(cid).isEqualTo(base58).hasSameHashCodeAs(base58);
		assertThat(base58.toBase58()).isEqualTo(ED25519_PEER);
		assertThat(base58.toCid()).isEqualTo("bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6");
		assertThat(HEX.formatHex(base58.toBytes()))
			.isEqualTo("0024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e");
	}

	@Test
	void parsesHashedPeerIds() {
		PeerId legacy = PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
		assertThat(PeerId.parse("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe")).isEqualTo(legacy);
		assertThat(legacy.extractPublicKey()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(KeyType.class)
	void inlinesSmallKeysAndHashesLargeOnes(KeyType type) {
		PrivateKey key = Keys.generate(type);
		PeerId peerId = PeerId.fromPublicKey(key.publicKey());
		boolean inlined = type == KeyType.ED25519 || type == KeyType.SECP256K1;
		assertThat(peerId.toBase58()).startsWith(switch (type) {
			case ED25519 -> "12D3KooW";
			case SECP256K1 -> "16Uiu2HA";
			default -> "Qm";
		});
		assertThat(peerId.extractPublicKey().isPresent()).isEqualTo(inlined);
		peerId.extractPublicKey().ifPresent((extracted) -> assertThat(extracted).isEqualTo(key.publicKey()));
		assertThat(peerId.matches(key.publicKey())).isTrue();
		assertThat(PeerId.parse(peerId.toString())).isEqualTo(peerId);
		assertThat(PeerId.parse(peerId.toCid())).isEqualTo(peerId);
		assertThat(PeerId.fromBytes(peerId.toBytes())).isEqualTo(peerId);
	}

	@Test
	void ordersByBytes() {
		PeerId low = PeerId.parse(ED25519_PEER);
		PeerId high = PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
		assertThat(low).isLessThan(high);
		assertThat(high.compareTo(low)).isPositive();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "| empty PeerId", "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5| invalid PeerId",
					"12D3KooW0| invalid base58 character '0'", "bafkqaaa| not a libp2p-key CIDv1",
					"zQmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N| not a libp2p-key CIDv1",
					"bafzaaaa| identity PeerId must inline 1 to 42 bytes of key, not 0",
					"xyz| unsupported multibase prefix 'x'" })
	void rejectsMalformedText(String text, String message) {
		assertThatExceptionOfType(PeerIdException.class).isThrownBy(() -> PeerId.parse(text == null ? "" : text))
			.withMessageContaining(message);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "1101aa| must be identity or sha2-256, not code 0x11",
					"002b" + "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
							+ "| not 43",
					"1220aa| truncated" })
	void rejectsMalformedBytes(String hex, String message) {
		assertThatExceptionOfType(PeerIdException.class).isThrownBy(() -> PeerId.fromBytes(HEX.parseHex(hex)))
			.withMessageContaining(message);
	}

	@Test
	void reportsAnInlinedValueThatIsNoKey() {
		PeerId peerId = PeerId.fromBytes(HEX.parseHex("0003010203"));
		assertThatExceptionOfType(PeerIdException.class).isThrownBy(peerId::extractPublicKey)
			.withMessageContaining("inlines an invalid key");
	}

}
