package io.jlibp2p.security.noise;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.jlibp2p.security.HandshakeException;

/**
 * A Noise CipherState: ChaCha20-Poly1305 with a 32-byte key and a 64-bit counter nonce,
 * encoded as four zero bytes and the counter in little-endian. Not thread-safe: one per
 * direction, used on the connection's event loop.
 */
final class CipherState {

	/** Bytes the AEAD tag adds to every message. */
	static final int TAG_LENGTH = 16;

	private final SecretKeySpec key;

	private final Cipher cipher;

	private final byte[] nonce = new byte[12];

	private long counter;

	CipherState(byte[] key) {
		this.key = new SecretKeySpec(key, "ChaCha20");
		try {
			this.cipher = Cipher.getInstance("ChaCha20-Poly1305");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the JDK provides ChaCha20-Poly1305 since Java 11", ex);
		}
	}

	byte[] encrypt(byte[] associatedData, byte[] plaintext, int offset, int length) {
		try {
			this.cipher.init(Cipher.ENCRYPT_MODE, this.key, nextNonce());
			this.cipher.updateAAD(associatedData);
			return this.cipher.doFinal(plaintext, offset, length);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", ex);
		}
	}

	byte[] decrypt(byte[] associatedData, byte[] ciphertext, int offset, int length) {
		if (length < TAG_LENGTH) {
			throw new HandshakeException("Noise message of " + length + " bytes is shorter than its tag");
		}
		try {
			this.cipher.init(Cipher.DECRYPT_MODE, this.key, nextNonce());
			this.cipher.updateAAD(associatedData);
			return this.cipher.doFinal(ciphertext, offset, length);
		}
		catch (AEADBadTagException ex) {
			throw new HandshakeException("Noise message failed authentication", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", ex);
		}
	}

	/**
	 * Encrypts in place of a copy: reads {@code plaintext} to its limit and writes
	 * ciphertext and tag into {@code ciphertext}, with no associated data (as transport
	 * messages have none).
	 */
	void encrypt(ByteBuffer plaintext, ByteBuffer ciphertext) {
		try {
			this.cipher.init(Cipher.ENCRYPT_MODE, this.key, nextNonce());
			this.cipher.doFinal(plaintext, ciphertext);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", ex);
		}
	}

	/**
	 * Decrypts {@code ciphertext} (with its tag) into {@code plaintext}, with no
	 * associated data.
	 * @throws HandshakeException if the message fails authentication
	 */
	void decrypt(ByteBuffer ciphertext, ByteBuffer plaintext) {
		if (ciphertext.remaining() < TAG_LENGTH) {
			throw new HandshakeException(
					"Noise message of " + ciphertext.remaining() + " bytes is shorter than its tag");
		}
		try {
			this.cipher.init(Cipher.DECRYPT_MODE, this.key, nextNonce());
			this.cipher.doFinal(ciphertext, plaintext);
		}
		catch (AEADBadTagException ex) {
			throw new HandshakeException("Noise message failed authentication", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", ex);
		}
	}

	private IvParameterSpec nextNonce() {
		if (this.counter == -1L) {
			// 2^64 - 1 is reserved by the Noise spec; libp2p does not rekey, so the
			// session ends.
			throw new HandshakeException("Noise nonce exhausted");
		}
		long n = this.counter++;
		for (int i = 0; i < 8; i++) {
			this.nonce[4 + i] = (byte) (n >>> (8 * i));
		}
		return new IvParameterSpec(this.nonce);
	}

}
