package io.jlibp2p.security.noise;

import java.nio.ByteBuffer;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.jlibp2p.security.HandshakeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every ChaCha20-Poly1305 implementation Noise may use (the JDK's, Conscrypt's, and the
 * JDK's ChaCha20 with BouncyCastle's Poly1305) seals exactly what the JDK's own
 * ChaCha20-Poly1305 seals, opens it again, and refuses any change to ciphertext, tag,
 * associated data or nonce, in heap and direct buffers.
 */
class AeadTest {

	private static final int[] LENGTHS = { 0, 1, 15, 16, 17, 63, 64, 65, 1000, 8192, 8193, 65519 };

	private final Random random = new Random(8439);

	private byte[] bytes(int length) {
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] jdkSeal(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext) throws Exception {
		Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
		cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
		cipher.updateAAD(associatedData);
		return cipher.doFinal(plaintext);
	}

	private static ByteBuffer buffer(int capacity, boolean direct) {
		return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
	}

	private static byte[] contents(ByteBuffer buffer) {
		ByteBuffer read = buffer.duplicate().flip();
		byte[] bytes = new byte[read.remaining()];
		read.get(bytes);
		return bytes;
	}

	@ParameterizedTest
	@EnumSource(NoiseCiphers.Implementation.class)
	void sealsWhatTheJdkSealsAndOpensIt(NoiseCiphers.Implementation implementation) throws Exception {
		for (int length : LENGTHS) {
			for (boolean direct : new boolean[] { false, true }) {
				for (int associated : new int[] { 0, 32, 33 }) {
					sealAndOpen(implementation, length, direct, associated);
				}
			}
		}
	}

	private void sealAndOpen(NoiseCiphers.Implementation implementation, int length, boolean direct, int associated)
			throws Exception {
		byte[] key = bytes(32);
		byte[] nonce = bytes(12);
		byte[] associatedData = bytes(associated);
		byte[] plaintext = bytes(length);
		ByteBuffer in = buffer(length, direct).put(plaintext).flip();
		ByteBuffer sealed = buffer(length + Aead.TAG_LENGTH, direct);

		implementation.create(key).seal(nonce, associatedData, in, sealed);
		assertThat(contents(sealed)).isEqualTo(jdkSeal(key, nonce, associatedData, plaintext));

		ByteBuffer opened = buffer(length, direct);
		implementation.create(key).open(nonce, associatedData, sealed.flip(), opened);
		assertThat(contents(opened)).isEqualTo(plaintext);
	}

	@ParameterizedTest
	@EnumSource(NoiseCiphers.Implementation.class)
	void refusesAnyChangeBeforeDecryptingAnything(NoiseCiphers.Implementation implementation) throws Exception {
		byte[] key = bytes(32);
		byte[] nonce = bytes(12);
		byte[] associatedData = bytes(32);
		byte[] sealed = jdkSeal(key, nonce, associatedData, bytes(100));
		for (int i = 0; i < sealed.length; i++) {
			byte[] tampered = sealed.clone();
			tampered[i] ^= 1;
			ByteBuffer out = ByteBuffer.allocate(100);
			// a fresh instance each time: the JDK's ChaCha20 refuses a nonce twice in a
			// row
			Aead aead = implementation.create(key);
			assertThatThrownBy(() -> aead.open(nonce, associatedData, ByteBuffer.wrap(tampered), out))
				.isInstanceOf(HandshakeException.class)
				.hasMessageContaining("failed authentication");
			assertThat(out.position()).as("nothing decrypted from a forgery").isZero();
		}
		byte[] otherNonce = nonce.clone();
		otherNonce[11] ^= 1;
		assertThatThrownBy(() -> implementation.create(key)
			.open(otherNonce, associatedData, ByteBuffer.wrap(sealed), ByteBuffer.allocate(100)))
			.isInstanceOf(HandshakeException.class);
		assertThatThrownBy(() -> implementation.create(key)
			.open(nonce, new byte[32], ByteBuffer.wrap(sealed), ByteBuffer.allocate(100)))
			.isInstanceOf(HandshakeException.class);
		assertThatThrownBy(() -> implementation.create(key)
			.open(nonce, associatedData, ByteBuffer.allocate(15), ByteBuffer.allocate(0)))
			.isInstanceOf(HandshakeException.class)
			.hasMessageContaining("shorter than its tag");
	}

}
