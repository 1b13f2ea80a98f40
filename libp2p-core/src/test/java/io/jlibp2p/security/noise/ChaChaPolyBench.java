package io.jlibp2p.security.noise;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The transport's AEAD as the Noise codec runs it: one 32 KiB frame in direct buffers, a
 * new nonce per frame, sealed (sender) and opened (receiver), by the JDK's
 * {@code ChaCha20-Poly1305} and by {@link ChaChaPoly} (the JDK's ChaCha20 with
 * BouncyCastle's Poly1305).
 *
 * <pre>
 * java -cp … org.openjdk.jmh.Main ChaChaPolyBench
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChaChaPolyBench {

	private static final int FRAME = 32 * 1024;

	private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

	private final ByteBuffer plaintext = ByteBuffer.allocateDirect(FRAME);

	private final ByteBuffer sealed = ByteBuffer.allocateDirect(FRAME + ChaChaPoly.TAG_LENGTH);

	private final ByteBuffer opened = ByteBuffer.allocateDirect(FRAME);

	private final byte[] key = new byte[32];

	private final byte[] nonce = new byte[12];

	private long counter;

	private SecretKeySpec jdkKey;

	private Cipher jdk;

	private Cipher jdkReceiver;

	private ChaChaPoly ours;

	private ChaChaPoly oursReceiver;

	@Setup
	public void setUp() throws GeneralSecurityException {
		new SecureRandom().nextBytes(this.key);
		this.jdkKey = new SecretKeySpec(this.key, "ChaCha20");
		this.jdk = Cipher.getInstance("ChaCha20-Poly1305");
		this.jdkReceiver = Cipher.getInstance("ChaCha20-Poly1305");
		this.ours = new ChaChaPoly(this.key);
		this.oursReceiver = new ChaChaPoly(this.key);
	}

	private byte[] nextNonce() {
		long n = ++this.counter;
		for (int i = 0; i < 8; i++) {
			this.nonce[4 + i] = (byte) (n >>> (8 * i));
		}
		return this.nonce;
	}

	@Benchmark
	public ByteBuffer sealJdk() throws GeneralSecurityException {
		this.jdk.init(Cipher.ENCRYPT_MODE, this.jdkKey, new IvParameterSpec(nextNonce()));
		this.jdk.doFinal(this.plaintext.clear(), this.sealed.clear());
		return this.sealed;
	}

	@Benchmark
	public ByteBuffer sealChaChaPoly() {
		this.ours.seal(nextNonce(), NO_ASSOCIATED_DATA, this.plaintext.clear(), this.sealed.clear());
		return this.sealed;
	}

	@Benchmark
	public ByteBuffer sealAndOpenJdk() throws GeneralSecurityException {
		byte[] nonce = nextNonce();
		this.jdk.init(Cipher.ENCRYPT_MODE, this.jdkKey, new IvParameterSpec(nonce));
		this.jdk.doFinal(this.plaintext.clear(), this.sealed.clear());
		this.jdkReceiver.init(Cipher.DECRYPT_MODE, this.jdkKey, new IvParameterSpec(nonce));
		this.jdkReceiver.doFinal(this.sealed.flip(), this.opened.clear());
		return this.opened;
	}

	@Benchmark
	public ByteBuffer sealAndOpenChaChaPoly() {
		byte[] nonce = nextNonce();
		this.ours.seal(nonce, NO_ASSOCIATED_DATA, this.plaintext.clear(), this.sealed.clear());
		this.oursReceiver.open(nonce, NO_ASSOCIATED_DATA, this.sealed.flip(), this.opened.clear());
		return this.opened;
	}

}
