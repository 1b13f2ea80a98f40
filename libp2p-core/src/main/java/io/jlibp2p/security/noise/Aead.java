package io.jlibp2p.security.noise;

import java.nio.ByteBuffer;

import io.jlibp2p.security.HandshakeException;

/**
 * ChaCha20-Poly1305 (RFC 8439) as a Noise {@link CipherState} uses it: a 32-byte key, a
 * 12-byte nonce that never repeats, a 16-byte tag after the ciphertext. One instance per
 * key and direction, used by one thread at a time. {@link NoiseCiphers} chooses the
 * implementation.
 */
interface Aead {

	/** Bytes of the authentication tag. */
	int TAG_LENGTH = 16;

	/**
	 * Encrypts {@code plaintext} to its limit into {@code out}, followed by the tag.
	 * @param nonce the 12-byte nonce, never used twice with this key
	 * @param associatedData authenticated but not encrypted
	 * @param plaintext what to encrypt
	 * @param out room for the plaintext's length plus {@value #TAG_LENGTH} bytes
	 */
	void seal(byte[] nonce, byte[] associatedData, ByteBuffer plaintext, ByteBuffer out);

	/**
	 * Checks the tag at the end of {@code sealed} and decrypts the rest into {@code out};
	 * nothing unauthenticated is handed on.
	 * @param nonce the nonce the sender used
	 * @param associatedData what the sender authenticated with it
	 * @param sealed ciphertext and tag, to its limit; consumed
	 * @param out room for the plaintext
	 * @throws HandshakeException if the message fails authentication
	 */
	void open(byte[] nonce, byte[] associatedData, ByteBuffer sealed, ByteBuffer out);

}
