package io.jlibp2p.protocol.pubsub;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A pubsub message id: opaque bytes that every node of a network derives the same way
 * from a message, so they can tell each other which messages they have.
 *
 * <p>
 * Peers choose the bytes, so the hash is keyed with a secret chosen at start (a peer
 * cannot aim many ids at one hash bucket), and ids are comparable, so that even colliding
 * ids cost a hash map O(log n), not O(n).
 */
public final class MessageId implements Comparable<MessageId> {

	/** The hash's secret, chosen per process. */
	private static final long KEY = new SecureRandom().nextLong();

	private final byte[] bytes;

	private final int hash;

	private MessageId(byte[] bytes) {
		this.bytes = bytes;
		this.hash = keyedHash(bytes);
	}

	/**
	 * Wraps id bytes.
	 * @param bytes the id, copied
	 * @return the id
	 */
	public static MessageId of(byte[] bytes) {
		return new MessageId(bytes.clone());
	}

	/**
	 * Parses the text form of {@link #toString()}.
	 * @param text unpadded base64url
	 * @return the id
	 * @throws IllegalArgumentException if the text is not base64url
	 */
	public static MessageId parse(String text) {
		return new MessageId(Base64.getUrlDecoder().decode(text));
	}

	/**
	 * Returns the id bytes.
	 * @return a copy
	 */
	public byte[] toBytes() {
		return this.bytes.clone();
	}

	int length() {
		return this.bytes.length;
	}

	byte[] bytesUnsafe() {
		return this.bytes;
	}

	/**
	 * A keyed multiply-xorshift hash over the bytes, eight at a time, finished with
	 * murmur3's mixer.
	 */
	private static int keyedHash(byte[] bytes) {
		long h = KEY ^ (bytes.length * 0x9E3779B97F4A7C15L);
		for (int i = 0; i < bytes.length; i++) {
			h = (h ^ (bytes[i] & 0xff)) * 0x100000001B3L;
			h ^= h >>> 29;
		}
		h ^= h >>> 33;
		h *= 0xff51afd7ed558ccdL;
		h ^= h >>> 33;
		h *= 0xc4ceb9fe1a85ec53L;
		h ^= h >>> 33;
		return (int) h;
	}

	@Override
	public int compareTo(MessageId other) {
		return Arrays.compareUnsigned(this.bytes, other.bytes);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof MessageId id && Arrays.equals(this.bytes, id.bytes);
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	/**
	 * Returns the id as unpadded base64url, the form the REST API uses.
	 * @return the text form
	 */
	@Override
	public String toString() {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(this.bytes);
	}

}
