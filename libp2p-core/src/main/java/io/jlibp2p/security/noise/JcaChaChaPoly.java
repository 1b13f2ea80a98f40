package io.jlibp2p.security.noise;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Provider;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.jlibp2p.security.HandshakeException;

/**
 * ChaCha20-Poly1305 from a JCA provider: the JDK's {@code ChaCha20-Poly1305}, whose
 * ChaCha20 and Poly1305 HotSpot compiles to vector intrinsics where the CPU has them, or
 * Conscrypt's, which is BoringSSL's assembly. Decryption checks the tag before any
 * plaintext leaves the provider (both buffer the whole message until {@code doFinal}).
 */
final class JcaChaChaPoly implements Aead {

	private final SecretKeySpec key;

	private final Cipher cipher;

	/**
	 * Creates the AEAD.
	 * @param provider the provider
	 * @param transformation its name for ChaCha20-Poly1305
	 * @param key the 32-byte key
	 * @throws GeneralSecurityException if the provider lacks the transformation
	 */
	JcaChaChaPoly(Provider provider, String transformation, byte[] key) throws GeneralSecurityException {
		this.key = new SecretKeySpec(key, "ChaCha20");
		this.cipher = Cipher.getInstance(transformation, provider);
	}

	@Override
	public void seal(byte[] nonce, byte[] associatedData, ByteBuffer plaintext, ByteBuffer out) {
		try {
			start(Cipher.ENCRYPT_MODE, nonce, associatedData);
			this.cipher.doFinal(plaintext, out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", ex);
		}
	}

	@Override
	public void open(byte[] nonce, byte[] associatedData, ByteBuffer sealed, ByteBuffer out) {
		if (sealed.remaining() < TAG_LENGTH) {
			throw new HandshakeException("Noise message of " + sealed.remaining() + " bytes is shorter than its tag");
		}
		try {
			start(Cipher.DECRYPT_MODE, nonce, associatedData);
			this.cipher.doFinal(sealed, out);
		}
		catch (AEADBadTagException ex) {
			throw new HandshakeException("Noise message failed authentication");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", ex);
		}
	}

	private void start(int mode, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
		this.cipher.init(mode, this.key, new IvParameterSpec(nonce));
		if (associatedData.length > 0) {
			this.cipher.updateAAD(associatedData);
		}
	}

}
