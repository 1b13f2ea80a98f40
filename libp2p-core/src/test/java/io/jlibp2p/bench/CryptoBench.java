package io.jlibp2p.bench;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The measurements behind DESIGN.md §5's choice of libraries, JDK against BouncyCastle:
 * ChaCha20-Poly1305 sealing a 32 KiB frame (what the transport seals per yamux frame),
 * Ed25519 signing and verifying 64 bytes (handshake payloads and pubsub signatures), and
 * one X25519 agreement (four per Noise XX handshake).
 *
 * <pre>
 * java -cp … org.openjdk.jmh.Main CryptoBench
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CryptoBench {

	private static final int FRAME = 32 * 1024;

	private final SecureRandom random = new SecureRandom();

	private final byte[] frame = new byte[FRAME];

	private final byte[] sealed = new byte[FRAME + 16];

	private final byte[] message = new byte[64];

	private final byte[] key = new byte[32];

	private final byte[] nonce = new byte[12];

	private long counter;

	private Cipher jdkCipher;

	private SecretKeySpec jdkKey;

	private final ChaCha20Poly1305 bcCipher = new ChaCha20Poly1305();

	private final byte[] edSecret = new byte[Ed25519.SECRET_KEY_SIZE];

	private final byte[] edPublic = new byte[Ed25519.PUBLIC_KEY_SIZE];

	private final byte[] edSignature = new byte[Ed25519.SIGNATURE_SIZE];

	private Signature jdkSigner;

	private Signature jdkVerifier;

	private byte[] jdkEdSignature;

	private final byte[] xSecret = new byte[X25519.SCALAR_SIZE];

	private final byte[] xPeer = new byte[X25519.POINT_SIZE];

	private final byte[] xShared = new byte[X25519.POINT_SIZE];

	private KeyAgreement jdkAgreement;

	private KeyPair jdkXPair;

	private KeyPair jdkXPeer;

	@Setup
	public void setUp() throws GeneralSecurityException {
		this.random.nextBytes(this.frame);
		this.random.nextBytes(this.message);
		this.random.nextBytes(this.key);
		this.jdkCipher = Cipher.getInstance("ChaCha20-Poly1305");
		this.jdkKey = new SecretKeySpec(this.key, "ChaCha20");
		this.random.nextBytes(this.edSecret);
		Ed25519.generatePublicKey(this.edSecret, 0, this.edPublic, 0);
		Ed25519.sign(this.edSecret, 0, this.message, 0, this.message.length, this.edSignature, 0);
		KeyPair edPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		this.jdkSigner = Signature.getInstance("Ed25519");
		this.jdkSigner.initSign(edPair.getPrivate());
		this.jdkVerifier = Signature.getInstance("Ed25519");
		this.jdkVerifier.initVerify(edPair.getPublic());
		this.jdkSigner.update(this.message);
		this.jdkEdSignature = this.jdkSigner.sign();
		this.random.nextBytes(this.xSecret);
		byte[] peerSecret = new byte[X25519.SCALAR_SIZE];
		this.random.nextBytes(peerSecret);
		X25519.generatePublicKey(peerSecret, 0, this.xPeer, 0);
		KeyPairGenerator x25519 = KeyPairGenerator.getInstance("X25519");
		this.jdkXPair = x25519.generateKeyPair();
		this.jdkXPeer = x25519.generateKeyPair();
		this.jdkAgreement = KeyAgreement.getInstance("XDH");
	}

	/**
	 * Noise's nonce: 4 zero bytes, then a little-endian 64-bit counter, never repeated.
	 */
	private byte[] nextNonce() {
		ByteBuffer.wrap(this.nonce, 4, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(this.counter++);
		return this.nonce;
	}

	@Benchmark
	public byte[] chacha20Poly1305Jdk() throws GeneralSecurityException {
		this.jdkCipher.init(Cipher.ENCRYPT_MODE, this.jdkKey, new IvParameterSpec(nextNonce()));
		this.jdkCipher.doFinal(this.frame, 0, FRAME, this.sealed, 0);
		return this.sealed;
	}

	@Benchmark
	public byte[] chacha20Poly1305BouncyCastle() throws InvalidCipherTextException {
		this.bcCipher.init(true, new AEADParameters(new KeyParameter(this.key), 128, nextNonce()));
		int written = this.bcCipher.processBytes(this.frame, 0, FRAME, this.sealed, 0);
		this.bcCipher.doFinal(this.sealed, written);
		return this.sealed;
	}

	@Benchmark
	public byte[] ed25519SignBouncyCastle() {
		Ed25519.sign(this.edSecret, 0, this.message, 0, this.message.length, this.edSignature, 0);
		return this.edSignature;
	}

	@Benchmark
	public byte[] ed25519SignJdk() throws GeneralSecurityException {
		this.jdkSigner.update(this.message);
		return this.jdkSigner.sign();
	}

	@Benchmark
	public boolean ed25519VerifyBouncyCastle() {
		return Ed25519.verify(this.edSignature, 0, this.edPublic, 0, this.message, 0, this.message.length);
	}

	@Benchmark
	public boolean ed25519VerifyJdk() throws GeneralSecurityException {
		this.jdkVerifier.update(this.message);
		return this.jdkVerifier.verify(this.jdkEdSignature);
	}

	@Benchmark
	public byte[] x25519BouncyCastle() {
		X25519.scalarMult(this.xSecret, 0, this.xPeer, 0, this.xShared, 0);
		return this.xShared;
	}

	@Benchmark
	public byte[] x25519Jdk() throws GeneralSecurityException {
		this.jdkAgreement.init(this.jdkXPair.getPrivate());
		this.jdkAgreement.doPhase(this.jdkXPeer.getPublic(), true);
		return this.jdkAgreement.generateSecret();
	}

}
