package io.jlibp2p.protocol.kad;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import io.jlibp2p.peer.PeerId;

/**
 * A point in the Kademlia key space: the sha2-256 of a key's bytes (a PeerId's bytes, a
 * record key, a provider multihash). Distance between points is their XOR, read as a
 * 256-bit unsigned number.
 */
public final class KadKey {

	/** Bits in a key, and buckets in a routing table. */
	public static final int BITS = 256;

	private final byte[] hash;

	private KadKey(byte[] hash) {
		this.hash = hash;
	}

	/**
	 * Places key bytes in the key space.
	 * @param key the bytes
	 * @return the point
	 */
	public static KadKey of(byte[] key) {
		try {
			return new KadKey(MessageDigest.getInstance("SHA-256").digest(key));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

	/**
	 * Places a peer in the key space.
	 * @param peer the peer
	 * @return the point of its PeerId bytes
	 */
	public static KadKey of(PeerId peer) {
		return of(peer.toBytes());
	}

	/**
	 * Returns how many leading bits two keys share: 256 for the same key, and the index
	 * of the bucket one key falls in from the other's point of view.
	 * @param other the other key
	 * @return the common prefix length
	 */
	public int commonPrefixLength(KadKey other) {
		for (int i = 0; i < this.hash.length; i++) {
			int xor = (this.hash[i] ^ other.hash[i]) & 0xff;
			if (xor != 0) {
				return i * 8 + Integer.numberOfLeadingZeros(xor) - 24;
			}
		}
		return BITS;
	}

	/**
	 * Compares the distances of two keys to this one.
	 * @param a one key
	 * @param b another key
	 * @return negative if {@code a} is closer, positive if {@code b} is, 0 if equally far
	 */
	public int compareDistance(KadKey a, KadKey b) {
		for (int i = 0; i < this.hash.length; i++) {
			int da = (this.hash[i] ^ a.hash[i]) & 0xff;
			int db = (this.hash[i] ^ b.hash[i]) & 0xff;
			if (da != db) {
				return Integer.compare(da, db);
			}
		}
		return 0;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof KadKey key && Arrays.equals(this.hash, key.hash);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.hash);
	}

}
