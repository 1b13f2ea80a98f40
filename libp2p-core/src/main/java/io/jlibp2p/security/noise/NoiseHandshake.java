package io.jlibp2p.security.noise;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.security.HandshakeException;

/**
 * The Noise XX handshake state machine, pure and byte-array based:
 *
 * <pre>
 * -&gt; e
 * &lt;- e, ee, s, es
 * -&gt; s, se
 * </pre>
 *
 * The initiator writes messages 1 and 3 and reads 2; the responder reads 1 and 3 and
 * writes 2. Payloads ride encrypted in messages 2 and 3 (message 1's payload is empty).
 * After the third message {@link #split()} yields the transport ciphers. Not thread-safe.
 */
final class NoiseHandshake {

	static final byte[] PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256".getBytes(StandardCharsets.US_ASCII);

	static final int DH_LENGTH = X25519.POINT_SIZE;

	private static final int HASH_LENGTH = 32;

	private final boolean initiator;

	private final byte[] staticPrivate = new byte[X25519.SCALAR_SIZE];

	private final byte[] staticPublic = new byte[DH_LENGTH];

	private final byte[] ephemeralPrivate = new byte[X25519.SCALAR_SIZE];

	private final byte[] ephemeralPublic = new byte[DH_LENGTH];

	private byte @Nullable [] remoteEphemeral;

	private byte @Nullable [] remoteStatic;

	private byte[] chainingKey;

	private byte[] hash;

	private @Nullable CipherState cipher;

	private int step;

	NoiseHandshake(boolean initiator, SecureRandom random) {
		this.initiator = initiator;
		X25519.generatePrivateKey(random, this.staticPrivate);
		X25519.generatePublicKey(this.staticPrivate, 0, this.staticPublic, 0);
		X25519.generatePrivateKey(random, this.ephemeralPrivate);
		X25519.generatePublicKey(this.ephemeralPrivate, 0, this.ephemeralPublic, 0);
		// The protocol name is exactly HASHLEN bytes, so it is the initial hash itself.
		this.hash = PROTOCOL_NAME.clone();
		this.chainingKey = this.hash.clone();
		mixHash(new byte[0]); // empty prologue
	}

	/** This side's static Noise key, which the identity key signs in the payload. */
	byte[] staticPublicKey() {
		return this.staticPublic.clone();
	}

	/**
	 * The remote static Noise key, known after message 2 (initiator) or 3 (responder).
	 */
	byte[] remoteStaticKey() {
		if (this.remoteStatic == null) {
			throw new IllegalStateException("the remote static key is not known yet");
		}
		return this.remoteStatic.clone();
	}

	boolean isInitiator() {
		return this.initiator;
	}

	/** How many handshake messages this side has written or read so far, 0 to 3. */
	int messagesDone() {
		return this.step;
	}

	/**
	 * Writes the next handshake message of this side.
	 * @param payload the payload to carry (empty for message 1)
	 * @return the message, without framing
	 */
	byte[] writeMessage(byte[] payload) {
		int message = ++this.step;
		expect(message == (this.initiator ? 1 : 2) || (this.initiator && message == 3), "write");
		ByteArrayOutputStream out = new ByteArrayOutputStream(
				DH_LENGTH * 2 + payload.length + 2 * CipherState.TAG_LENGTH);
		if (message == 1) {
			out.writeBytes(this.ephemeralPublic);
			mixHash(this.ephemeralPublic);
		}
		else if (message == 2) {
			out.writeBytes(this.ephemeralPublic);
			mixHash(this.ephemeralPublic);
			mixKey(dh(this.ephemeralPrivate, this.remoteEphemeral));
			out.writeBytes(encryptAndHash(this.staticPublic));
			mixKey(dh(this.staticPrivate, this.remoteEphemeral));
		}
		else {
			out.writeBytes(encryptAndHash(this.staticPublic));
			mixKey(dh(this.staticPrivate, this.remoteEphemeral));
		}
		out.writeBytes(encryptAndHash(payload));
		return out.toByteArray();
	}

	/**
	 * Reads the next handshake message of the other side.
	 * @param message the message, without framing
	 * @return the payload it carried
	 * @throws HandshakeException if the message is malformed or fails authentication
	 */
	byte[] readMessage(byte[] message) {
		int number = ++this.step;
		expect(number == (this.initiator ? 2 : 1) || (!this.initiator && number == 3), "read");
		int offset = 0;
		if (number == 1 || number == 2) {
			requireLength(message, offset + DH_LENGTH, number);
			this.remoteEphemeral = Arrays.copyOfRange(message, offset, offset + DH_LENGTH);
			offset += DH_LENGTH;
			mixHash(this.remoteEphemeral);
		}
		if (number == 2) {
			mixKey(dh(this.ephemeralPrivate, this.remoteEphemeral));
		}
		if (number == 2 || number == 3) {
			int length = DH_LENGTH + CipherState.TAG_LENGTH;
			requireLength(message, offset + length, number);
			this.remoteStatic = decryptAndHash(message, offset, length);
			offset += length;
			mixKey(dh(this.ephemeralPrivate, this.remoteStatic));
		}
		return decryptAndHash(message, offset, message.length - offset);
	}

	/**
	 * Derives the transport ciphers once all three messages have passed.
	 * @return the cipher for sending and the one for receiving
	 */
	CipherState[] split() {
		expect(this.step == 3, "split");
		byte[][] keys = hkdf(this.chainingKey, new byte[0]);
		CipherState first = new CipherState(keys[0]);
		CipherState second = new CipherState(keys[1]);
		Arrays.fill(this.staticPrivate, (byte) 0);
		Arrays.fill(this.ephemeralPrivate, (byte) 0);
		return this.initiator ? new CipherState[] { first, second } : new CipherState[] { second, first };
	}

	private void expect(boolean condition, String operation) {
		if (!condition) {
			throw new IllegalStateException("cannot " + operation + " at step " + this.step + " as "
					+ (this.initiator ? "initiator" : "responder"));
		}
	}

	private static void requireLength(byte[] message, int length, int number) {
		if (message.length < length) {
			throw new HandshakeException("Noise message " + number + " of " + message.length + " bytes is too short ("
					+ length + " needed)");
		}
	}

	private byte[] encryptAndHash(byte[] plaintext) {
		byte[] ciphertext = (this.cipher != null) ? this.cipher.encrypt(this.hash, plaintext, 0, plaintext.length)
				: plaintext.clone();
		mixHash(ciphertext);
		return ciphertext;
	}

	private byte[] decryptAndHash(byte[] message, int offset, int length) {
		byte[] ciphertext = Arrays.copyOfRange(message, offset, offset + length);
		byte[] plaintext = (this.cipher != null) ? this.cipher.decrypt(this.hash, ciphertext, 0, length) : ciphertext;
		mixHash(ciphertext);
		return plaintext;
	}

	private void mixHash(byte[] data) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(this.hash);
			digest.update(data);
			this.hash = digest.digest();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

	private void mixKey(byte[] inputKeyMaterial) {
		byte[][] keys = hkdf(this.chainingKey, inputKeyMaterial);
		this.chainingKey = keys[0];
		this.cipher = new CipherState(keys[1]);
	}

	private static byte[] dh(byte[] privateKey, byte @Nullable [] publicKey) {
		if (publicKey == null) {
			throw new IllegalStateException("remote key missing for Diffie-Hellman");
		}
		byte[] shared = new byte[DH_LENGTH];
		if (!X25519.calculateAgreement(privateKey, 0, publicKey, 0, shared, 0)) {
			throw new HandshakeException("remote Noise key is a low-order point");
		}
		return shared;
	}

	/** HKDF as Noise defines it, with two outputs. */
	private static byte[][] hkdf(byte[] chainingKey, byte[] inputKeyMaterial) {
		byte[] temporaryKey = hmac(chainingKey, inputKeyMaterial);
		byte[] first = hmac(temporaryKey, new byte[] { 0x01 });
		byte[] secondInput = Arrays.copyOf(first, HASH_LENGTH + 1);
		secondInput[HASH_LENGTH] = 0x02;
		return new byte[][] { first, hmac(temporaryKey, secondInput) };
	}

	private static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("every Java platform has HmacSHA256", ex);
		}
	}

}
