package io.jlibp2p.crypto;

/**
 * A libp2p private key. {@link Object#toString()} never shows key material.
 */
public interface PrivateKey {

	/**
	 * Returns the key type.
	 * @return the type
	 */
	KeyType type();

	/**
	 * Returns the matching public key.
	 * @return the public key
	 */
	PublicKey publicKey();

	/**
	 * Signs data as the libp2p specs define for this key type.
	 * @param data the data
	 * @return the signature
	 */
	byte[] sign(byte[] data);

	/**
	 * Returns the private key protobuf, for storing the identity in a key file.
	 * @return the encoding, which must be kept secret
	 */
	byte[] marshal();

}
