package io.jlibp2p.crypto;

import org.jspecify.annotations.Nullable;

/**
 * The key types of the libp2p key protobuf, with their wire numbers.
 */
public enum KeyType {

	/** RSA, 2048 to 8192 bits; signatures RSASSA-PKCS1-v1_5 with SHA-256. */
	RSA(0),

	/** Ed25519 (RFC 8032), the default and the one every implementation must support. */
	ED25519(1),

	/** ECDSA over secp256k1 with SHA-256, as Ethereum and Filecoin use. */
	SECP256K1(2),

	/** ECDSA over a NIST curve (P-256 when generated) with SHA-256. */
	ECDSA(3);

	private final int number;

	KeyType(int number) {
		this.number = number;
	}

	/**
	 * Returns the number of this type in the key protobuf.
	 * @return the wire number
	 */
	public int number() {
		return this.number;
	}

	/**
	 * Looks a type up by its wire number.
	 * @param number the wire number
	 * @return the type, or {@code null} if the number names none
	 */
	public static @Nullable KeyType forNumber(int number) {
		for (KeyType type : values()) {
			if (type.number == number) {
				return type;
			}
		}
		return null;
	}

}
