package io.jlibp2p.security.noise;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The transport's AEAD as the Noise codec runs it: one frame in direct buffers, a new
 * nonce per frame, sealed (sender) and opened (receiver, its own instance), by each
 * implementation {@link NoiseCiphers} can choose. 65 519 bytes is the largest Noise
 * frame's plaintext.
 *
 * <pre>
 * java -cp … org.openjdk.jmh.Main ChaChaPolyBench
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChaChaPolyBench {

	@Param({ "JDK", "CONSCRYPT", "CHACHA_POLY" })
	public NoiseCiphers.Implementation implementation;

	@Param({ "32768", "65519" })
	public int frame;

	private ByteBuffer plaintext;

	private ByteBuffer sealed;

	private ByteBuffer opened;

	private final byte[] nonce = new byte[12];

	private long counter;

	private Aead sender;

	private Aead receiver;

	@Setup
	public void setUp() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		this.plaintext = ByteBuffer.allocateDirect(this.frame);
		this.sealed = ByteBuffer.allocateDirect(this.frame + Aead.TAG_LENGTH);
		this.opened = ByteBuffer.allocateDirect(this.frame);
		this.sender = this.implementation.create(key);
		this.receiver = this.implementation.create(key);
	}

	private byte[] nextNonce() {
		long n = ++this.counter;
		for (int i = 0; i < 8; i++) {
			this.nonce[4 + i] = (byte) (n >>> (8 * i));
		}
		return this.nonce;
	}

	@Benchmark
	public ByteBuffer seal() {
		this.sealed.clear();
		this.sender.seal(nextNonce(), new byte[0], this.plaintext.clear(), this.sealed);
		return this.sealed;
	}

	@Benchmark
	public ByteBuffer sealAndOpen() {
		seal();
		this.opened.clear();
		this.receiver.open(this.nonce, new byte[0], this.sealed.flip(), this.opened);
		return this.opened;
	}

}
