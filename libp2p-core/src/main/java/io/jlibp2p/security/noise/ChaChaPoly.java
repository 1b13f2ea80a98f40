package io.jlibp2p.security.noise;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;

import io.jlibp2p.security.HandshakeException;

/**
 * The ChaCha20-Poly1305 AEAD of RFC 8439, section 2.8, built from the JDK's ChaCha20 and
 * BouncyCastle's Poly1305. HotSpot compiles the JDK's ChaCha20 to vector instructions,
 * but has a Poly1305 intrinsic only with AVX-512; without it BouncyCastle's Poly1305 is
 * the faster one, and the pair seals 10-36 % more per second than the JDK's
 * {@code ChaCha20-Poly1305} on this project's machines (BENCHMARKS.md, ChaChaPolyBench).
 * The output is byte for byte the JDK's ({@code ChaChaPolyTest}). The JDK's ChaCha20
 * refuses to start twice in a row with the same nonce, in either direction; a Noise
 * {@link CipherState} never does. Not thread-safe.
 */
final class ChaChaPoly implements Aead {

	private static final byte[] ZEROS = new byte[64];

	/** Ciphertext held in direct buffers passes through here on its way to the MAC. */
	private static final int CHUNK = 8192;

	private final SecretKeySpec key;

	private final Cipher chacha;

	private final Poly1305 mac = new Poly1305();

	private final byte[] block0 = new byte[64];

	private final byte[] tag = new byte[TAG_LENGTH];

	private final byte[] lengths = new byte[16];

	private final byte[] chunk = new byte[CHUNK];

	ChaChaPoly(byte[] key) {
		this.key = new SecretKeySpec(key, "ChaCha20");
		try {
			this.chacha = Cipher.getInstance("ChaCha20");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the JDK provides ChaCha20 since Java 11", ex);
		}
	}

	@Override
	public void seal(byte[] nonce, byte[] associatedData, ByteBuffer plaintext, ByteBuffer out) {
		start(Cipher.ENCRYPT_MODE, nonce, associatedData);
		ByteBuffer ciphertext = out.duplicate();
		try {
			this.chacha.doFinal(plaintext, out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("ChaCha20 encryption failed", ex);
		}
		ciphertext.limit(out.position());
		authenticate(associatedData.length, ciphertext);
		out.put(this.tag);
	}

	@Override
	public void open(byte[] nonce, byte[] associatedData, ByteBuffer sealed, ByteBuffer out) {
		int length = sealed.remaining() - TAG_LENGTH;
		if (length < 0) {
			throw new HandshakeException("Noise message of " + sealed.remaining() + " bytes is shorter than its tag");
		}
		start(Cipher.DECRYPT_MODE, nonce, associatedData);
		ByteBuffer ciphertext = sealed.duplicate();
		ciphertext.limit(ciphertext.position() + length);
		authenticate(associatedData.length, ciphertext.duplicate());
		byte[] received = new byte[TAG_LENGTH];
		sealed.duplicate().position(ciphertext.limit()).get(received);
		if (!MessageDigest.isEqual(this.tag, received)) {
			throw new HandshakeException("Noise message failed authentication");
		}
		try {
			this.chacha.doFinal(ciphertext, out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("ChaCha20 decryption failed", ex);
		}
		sealed.position(sealed.limit());
	}

	/**
	 * Sets the cipher to the nonce's block 0, whose keystream becomes the one-time
	 * Poly1305 key, leaves it at block 1 for the message, and MACs the associated data.
	 */
	private void start(int mode, byte[] nonce, byte[] associatedData) {
		try {
			this.chacha.init(mode, this.key, new ChaCha20ParameterSpec(nonce, 0));
			this.chacha.update(ZEROS, 0, ZEROS.length, this.block0, 0);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("ChaCha20 refused a key or nonce", ex);
		}
		this.mac.init(new KeyParameter(this.block0, 0, 32));
		Arrays.fill(this.block0, (byte) 0);
		this.mac.update(associatedData, 0, associatedData.length);
		pad(associatedData.length);
	}

	/**
	 * MACs the ciphertext, its padding and both lengths, leaving the tag in {@code tag}.
	 */
	private void authenticate(long associatedLength, ByteBuffer ciphertext) {
		int length = ciphertext.remaining();
		if (ciphertext.hasArray()) {
			this.mac.update(ciphertext.array(), ciphertext.arrayOffset() + ciphertext.position(), length);
		}
		else {
			while (ciphertext.hasRemaining()) {
				int take = Math.min(CHUNK, ciphertext.remaining());
				ciphertext.get(this.chunk, 0, take);
				this.mac.update(this.chunk, 0, take);
			}
		}
		pad(length);
		ByteBuffer.wrap(this.lengths).order(ByteOrder.LITTLE_ENDIAN).putLong(associatedLength).putLong(length);
		this.mac.update(this.lengths, 0, this.lengths.length);
		this.mac.doFinal(this.tag, 0);
	}

	private void pad(int length) {
		int rest = length % 16;
		if (rest != 0) {
			this.mac.update(ZEROS, 0, 16 - rest);
		}
	}

}
