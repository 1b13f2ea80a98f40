package io.jlibp2p.security.noise;

import java.nio.ByteBuffer;

import io.jlibp2p.security.HandshakeException;

/**
 * A Noise CipherState: ChaCha20-Poly1305 ({@link NoiseCiphers} chooses the
 * implementation) with a 32-byte key and a 64-bit counter nonce, encoded as four zero
 * bytes and the counter in little-endian. Not thread-safe: one per direction, used on the
 * connection's event loop.
 */
final class CipherState {

	/** Bytes the AEAD tag adds to every message. */
	static final int TAG_LENGTH = Aead.TAG_LENGTH;

	private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

	private final Aead aead;

	private final byte[] nonce = new byte[12];

	private long counter;

	CipherState(byte[] key) {
		this.aead = NoiseCiphers.create(key);
	}

	byte[] encrypt(byte[] associatedData, byte[] plaintext, int offset, int length) {
		byte[] sealed = new byte[length + TAG_LENGTH];
		this.aead.seal(nextNonce(), associatedData, ByteBuffer.wrap(plaintext, offset, length),
				ByteBuffer.wrap(sealed));
		return sealed;
	}

	byte[] decrypt(byte[] associatedData, byte[] ciphertext, int offset, int length) {
		if (length < TAG_LENGTH) {
			throw new HandshakeException("Noise message of " + length + " bytes is shorter than its tag");
		}
		byte[] plaintext = new byte[length - TAG_LENGTH];
		this.aead.open(nextNonce(), associatedData, ByteBuffer.wrap(ciphertext, offset, length),
				ByteBuffer.wrap(plaintext));
		return plaintext;
	}

	/**
	 * Encrypts in place of a copy: reads {@code plaintext} to its limit and writes
	 * ciphertext and tag into {@code ciphertext}, with no associated data (as transport
	 * messages have none).
	 */
	void encrypt(ByteBuffer plaintext, ByteBuffer ciphertext) {
		this.aead.seal(nextNonce(), NO_ASSOCIATED_DATA, plaintext, ciphertext);
	}

	/**
	 * Decrypts {@code ciphertext} (with its tag) into {@code plaintext}, with no
	 * associated data.
	 * @throws HandshakeException if the message fails authentication
	 */
	void decrypt(ByteBuffer ciphertext, ByteBuffer plaintext) {
		this.aead.open(nextNonce(), NO_ASSOCIATED_DATA, ciphertext, plaintext);
	}

	private byte[] nextNonce() {
		if (this.counter == -1L) {
			// 2^64 - 1 is reserved by the Noise spec; libp2p does not rekey, so the
			// session ends.
			throw new HandshakeException("Noise nonce exhausted");
		}
		long n = this.counter++;
		for (int i = 0; i < 8; i++) {
			this.nonce[4 + i] = (byte) (n >>> (8 * i));
		}
		return this.nonce;
	}

}
