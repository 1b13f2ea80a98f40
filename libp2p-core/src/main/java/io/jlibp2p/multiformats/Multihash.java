package io.jlibp2p.multiformats;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A self-describing hash: {@code varint(code) ‖ varint(length) ‖ digest}.
 *
 * <p>
 * Any hash code is carried, but the two that libp2p computes are checked: SHA2-256
 * digests must be 32 bytes. Digests are at most {@value #MAX_DIGEST_LENGTH} bytes, far
 * above any hash in use (512-bit hashes are 64 bytes) and the identity multihashes of
 * keys in PeerIds (at most 42).
 *
 * @see <a href="https://github.com/multiformats/multihash">multihash</a>
 */
public final class Multihash {

	/** Longest accepted digest, in bytes. */
	public static final int MAX_DIGEST_LENGTH = 1024;

	private static final int SHA2_256_LENGTH = 32;

	private final int code;

	private final byte[] digest;

	private Multihash(int code, byte[] digest) {
		this.code = code;
		this.digest = digest;
	}

	/**
	 * Creates a multihash from a code and a digest computed elsewhere.
	 * @param code the multicodec code of the hash function
	 * @param digest the digest
	 * @return the multihash
	 * @throws MultiformatException if the digest length does not suit the code
	 */
	public static Multihash of(int code, byte[] digest) throws MultiformatException {
		return validated(code, digest.clone());
	}

	/**
	 * Computes the SHA2-256 multihash of data.
	 * @param data the data
	 * @return its multihash
	 */
	public static Multihash sha256(byte[] data) {
		return new Multihash(Multicodec.SHA2_256, sha256Digest(data));
	}

	/**
	 * Wraps data in an identity multihash.
	 * @param data the data, at most {@value #MAX_DIGEST_LENGTH} bytes
	 * @return the multihash
	 */
	public static Multihash identity(byte[] data) {
		return validated(Multicodec.IDENTITY, data.clone());
	}

	/**
	 * Decodes a byte array holding exactly one multihash.
	 * @param bytes the encoding
	 * @return the multihash
	 * @throws MultiformatException if the bytes are not exactly one valid multihash
	 */
	public static Multihash decode(byte[] bytes) throws MultiformatException {
		ByteBuffer in = ByteBuffer.wrap(bytes);
		Multihash multihash = read(in);
		if (in.hasRemaining()) {
			throw new MultiformatException(in.remaining() + " byte(s) after the multihash");
		}
		return multihash;
	}

	/**
	 * Reads one multihash at the buffer's position and advances past it.
	 * @param in the buffer
	 * @return the multihash
	 * @throws MultiformatException if the buffer does not start with a valid multihash
	 */
	public static Multihash read(ByteBuffer in) throws MultiformatException {
		long code = Varint.read(in);
		if (code > Integer.MAX_VALUE) {
			throw new MultiformatException("multihash code " + code + " is out of range");
		}
		int length = Varint.readBounded(in, MAX_DIGEST_LENGTH, "multihash digest length");
		if (length > in.remaining()) {
			throw new MultiformatException(
					"multihash digest of " + length + " bytes truncated to " + in.remaining() + " bytes");
		}
		byte[] digest = new byte[length];
		in.get(digest);
		return validated((int) code, digest);
	}

	private static Multihash validated(int code, byte[] digest) {
		if (digest.length > MAX_DIGEST_LENGTH) {
			throw new MultiformatException(
					"multihash digest of " + digest.length + " bytes exceeds the limit of " + MAX_DIGEST_LENGTH);
		}
		if (code == Multicodec.SHA2_256 && digest.length != SHA2_256_LENGTH) {
			throw new MultiformatException("sha2-256 multihash digest must be 32 bytes, not " + digest.length);
		}
		return new Multihash(code, digest);
	}

	/**
	 * Returns the hash function's multicodec code.
	 * @return the code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Returns a copy of the digest.
	 * @return the digest
	 */
	public byte[] digest() {
		return this.digest.clone();
	}

	/**
	 * Returns the encoded multihash.
	 * @return {@code varint(code) ‖ varint(length) ‖ digest}
	 */
	public byte[] toBytes() {
		ByteBuffer out = ByteBuffer
			.allocate(Varint.encodedLength(this.code) + Varint.encodedLength(this.digest.length) + this.digest.length);
		Varint.write(this.code, out);
		Varint.write(this.digest.length, out);
		out.put(this.digest);
		return out.array();
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof Multihash that && this.code == that.code
				&& Arrays.equals(this.digest, that.digest));
	}

	@Override
	public int hashCode() {
		return 31 * this.code + Arrays.hashCode(this.digest);
	}

	@Override
	public String toString() {
		return Multibase.BASE58BTC.encodeWithoutPrefix(toBytes());
	}

	static byte[] sha256Digest(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

}
