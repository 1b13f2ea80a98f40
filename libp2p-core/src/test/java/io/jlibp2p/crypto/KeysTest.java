package io.jlibp2p.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.HexFormat;

import io.jlibp2p.multiformats.Varint;
import io.jlibp2p.peer.PeerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KeysTest {

	private static final HexFormat HEX = HexFormat.of();

	private static final byte[] MESSAGE = "Libp2p is the _best_!".getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest
	@CsvFileSource(resources = "/vectors/keys.tsv", delimiter = '\t', numLinesToSkip = 1)
	void readsJsLibp2pKeysAndDerivesTheSamePeerIds(String type, String privateHex, String publicHex, String base58,
			String cid, String messageHex, String signatureHex) {
		PrivateKey privateKey = Keys.unmarshalPrivateKey(HEX.parseHex(privateHex));
		PublicKey publicKey = Keys.unmarshalPublicKey(HEX.parseHex(publicHex));
		assertThat(HEX.formatHex(privateKey.marshal())).isEqualTo(privateHex);
		assertThat(HEX.formatHex(publicKey.marshal())).isEqualTo(publicHex);
		assertThat(PeerId.fromPublicKey(publicKey)).hasToString(base58);
		assertThat(PeerId.fromPublicKey(publicKey).toCid()).isEqualTo(cid);
		assertThat(publicKey.verify(HEX.parseHex(messageHex), HEX.parseHex(signatureHex))).isTrue();
	}

	@ParameterizedTest
	@CsvFileSource(resources = "/vectors/keys.tsv", delimiter = '\t', numLinesToSkip = 1)
	void signsLikeJsLibp2p(String type, String privateHex, String publicHex, String base58, String cid,
			String messageHex, String signatureHex) {
		PrivateKey privateKey = Keys.unmarshalPrivateKey(HEX.parseHex(privateHex));
		PublicKey publicKey = Keys.unmarshalPublicKey(HEX.parseHex(publicHex));
		byte[] message = HEX.parseHex(messageHex);
		byte[] signature = privateKey.sign(message);
		assertThat(publicKey.verify(message, signature)).isTrue();
		if (!type.equals("ECDSA")) {
			// Ed25519 and RSA PKCS#1 v1.5 are deterministic, and both libraries use RFC
			// 6979 with
			// low S for secp256k1: the bytes must be the same. WebCrypto's ECDSA is
			// randomised.
			assertThat(HEX.formatHex(signature)).isEqualTo(signatureHex);
		}
		if (type.equals("ECDSA")) {
			// js writes ECDSA public keys in its own DER form; ours is go's
			// SubjectPublicKeyInfo.
			assertThat(privateKey.publicKey()).isNotEqualTo(publicKey);
			assertThat(HEX.formatHex(privateKey.publicKey().raw())).startsWith("3059301306072a8648ce3d0201");
		}
		else {
			assertThat(privateKey.publicKey()).isEqualTo(publicKey);
		}
	}

	@Test
	void derivesTheSpecEd25519PeerId() {
		PublicKey key = Keys.unmarshalPublicKey(
				HEX.parseHex("080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"));
		assertThat(key.type()).isEqualTo(KeyType.ED25519);
		assertThat(PeerId.fromPublicKey(key)).hasToString("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq");
	}

	@Test
	void derivesThePerfTestPlanIdentityFromAZeroSeed() {
		PrivateKey key = Keys.ed25519FromSeed(new byte[32]);
		assertThat(PeerId.fromPublicKey(key.publicKey()))
			.hasToString("12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN");
	}

	@ParameterizedTest
	@EnumSource(KeyType.class)
	void generatedKeysSignVerifyAndRoundTrip(KeyType type) {
		PrivateKey key = Keys.generate(type);
		byte[] signature = key.sign(MESSAGE);
		assertThat(key.type()).isEqualTo(type);
		assertThat(key.publicKey().verify(MESSAGE, signature)).isTrue();
		assertThat(key.publicKey().verify("Libp2p is the _best_?".getBytes(StandardCharsets.US_ASCII), signature))
			.isFalse();
		signature[signature.length - 1] ^= 1;
		assertThat(key.publicKey().verify(MESSAGE, signature)).isFalse();
		assertThat(key.publicKey().verify(MESSAGE, new byte[0])).isFalse();
		PrivateKey reread = Keys.unmarshalPrivateKey(key.marshal());
		assertThat(reread).isEqualTo(key);
		assertThat(reread.publicKey()).isEqualTo(key.publicKey());
		assertThat(Keys.unmarshalPublicKey(key.publicKey().marshal())).isEqualTo(key.publicKey());
		assertThat(key.toString()).doesNotContain(HEX.formatHex(key.marshal()).substring(8, 24));
	}

	@Test
	void rsaKeysAlwaysCarryTheirTypeField() {
		// proto2 writes Type = RSA (0) explicitly; leaving it out would change every RSA
		// PeerId.
		assertThat(HEX.formatHex(Keys.generate(KeyType.RSA).publicKey().marshal())).startsWith("0800");
	}

	@Test
	void refusesRsaKeysOutsideTheAcceptedSizes() throws Exception {
		assertThatExceptionOfType(KeyEncodingException.class).isThrownBy(() -> Keys.generateRsa(1024))
			.withMessage("RSA key of 1024 bits is outside the accepted 2048-8192 bits");
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(1024);
		byte[] spki = generator.generateKeyPair().getPublic().getEncoded();
		ByteArrayOutputStream weak = new ByteArrayOutputStream();
		weak.writeBytes(new byte[] { 0x08, 0x00, 0x12 });
		weak.writeBytes(Varint.encode(spki.length));
		weak.writeBytes(spki);
		assertThatExceptionOfType(KeyEncodingException.class)
			.isThrownBy(() -> Keys.unmarshalPublicKey(weak.toByteArray()))
			.withMessage("RSA key of 1024 bits is outside the accepted 2048-8192 bits");
	}

	@Test
	void readsLegacyEd25519PrivateKeysWithTheirPublicKeyTwice() {
		PrivateKey key = Keys.generate(KeyType.ED25519);
		byte[] data = ((EncodedKey) key).data();
		byte[] legacy = new byte[96];
		System.arraycopy(data, 0, legacy, 0, 64);
		System.arraycopy(data, 32, legacy, 64, 32);
		assertThat(Ed25519Keys.privateKey(legacy).publicKey()).isEqualTo(key.publicKey());
		legacy[95] ^= 1;
		assertThatExceptionOfType(KeyEncodingException.class).isThrownBy(() -> Ed25519Keys.privateKey(legacy))
			.withMessageContaining("two different public keys");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "| invalid public key protobuf", "0801| invalid public key protobuf",
			"08071200| invalid public key protobuf", "0801120100| Ed25519 public key must be 32 bytes, not 1",
			"0802122102ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff| not a point on the curve",
			"080312020500| ECDSA public key", "0800120130| RSA public key is not valid DER" })
	void rejectsMalformedPublicKeys(String hex, String message) {
		assertThatExceptionOfType(KeyEncodingException.class)
			.isThrownBy(() -> Keys.unmarshalPublicKey(hex == null ? new byte[0] : HEX.parseHex(hex)))
			.withMessageContaining(message);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "0801120100| Ed25519 private key must be 64 or 96 bytes, not 1",
					"080212021234| secp256k1 private key must be 32 bytes, not 2",
					"08021220ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff| outside [1, n-1]",
					"08031200| ECDSA private key is not", "0800120130| RSA private key is not valid DER" })
	void rejectsMalformedPrivateKeys(String hex, String message) {
		assertThatExceptionOfType(KeyEncodingException.class)
			.isThrownBy(() -> Keys.unmarshalPrivateKey(HEX.parseHex(hex)))
			.withMessageContaining(message);
	}

	@Test
	void refusesOversizedProtobufs() {
		assertThatExceptionOfType(KeyEncodingException.class)
			.isThrownBy(() -> Keys.unmarshalPublicKey(new byte[Keys.MAX_ENCODED_LENGTH + 1]))
			.withMessageContaining("exceeds the limit of 8192");
	}

}
