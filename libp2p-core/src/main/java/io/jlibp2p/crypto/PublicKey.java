package io.jlibp2p.crypto;

/**
 * A libp2p public key. Implementations are immutable and equal when their encodings are
 * equal.
 */
public interface PublicKey {

	/**
	 * Returns the key type.
	 * @return the type
	 */
	KeyType type();

	/**
	 * Returns the type-specific key data: the {@code Data} field of the key protobuf,
	 * kept exactly as received so that PeerIds derived from it match the sender's.
	 * @return a copy of the data
	 */
	byte[] raw();

	/**
	 * Returns the key protobuf, {@code 08 <type> 12 <length> <data>}, from which PeerIds
	 * are derived.
	 * @return the deterministic encoding
	 */
	byte[] marshal();

	/**
	 * Checks a signature made by the matching private key.
	 * @param data the signed data
	 * @param signature the signature
	 * @return {@code true} if the signature is valid; malformed signatures are simply
	 * invalid
	 */
	boolean verify(byte[] data, byte[] signature);

}
