package io.jlibp2p.crypto;

import java.security.SecureRandom;

import com.google.protobuf.InvalidProtocolBufferException;

import io.jlibp2p.internal.proto.KeysProto;

/**
 * Generates libp2p keys and reads them from the key protobuf.
 *
 * <pre>{@code
 * PrivateKey identity = Keys.generate(KeyType.ED25519);
 * byte[] stored = identity.marshal();
 * PrivateKey again = Keys.unmarshalPrivateKey(stored);
 * }</pre>
 */
public final class Keys {

	/**
	 * Longest key protobuf accepted, in bytes: an 8192-bit RSA private key in PKCS#1 is
	 * about 4.7 KiB.
	 */
	public static final int MAX_ENCODED_LENGTH = 8 * 1024;

	/** RSA size used by {@link #generate(KeyType)}. */
	public static final int DEFAULT_RSA_BITS = 2048;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Keys() {
	}

	/**
	 * Generates a key pair; RSA keys get {@value #DEFAULT_RSA_BITS} bits, ECDSA keys
	 * P-256.
	 * @param type the key type
	 * @return the private key, which knows its public key
	 */
	public static PrivateKey generate(KeyType type) {
		return switch (type) {
			case ED25519 -> Ed25519Keys.generate(RANDOM);
			case SECP256K1, ECDSA -> EcKeys.generate(type, RANDOM);
			case RSA -> RsaKeys.generate(DEFAULT_RSA_BITS, RANDOM);
		};
	}

	/**
	 * Generates an RSA key pair.
	 * @param bits the modulus size, 2048 to 8192
	 * @return the private key
	 * @throws KeyEncodingException if the size is outside the accepted range
	 */
	public static PrivateKey generateRsa(int bits) {
		return RsaKeys.generate(bits, RANDOM);
	}

	/**
	 * Derives an Ed25519 key from a 32-byte seed, as the perf and interop test plans
	 * derive fixed identities.
	 * @param seed the seed
	 * @return the private key
	 */
	public static PrivateKey ed25519FromSeed(byte[] seed) {
		return Ed25519Keys.fromSeed(seed);
	}

	/**
	 * Reads a public key protobuf.
	 * @param bytes the protobuf
	 * @return the key, which keeps the received {@code Data} bytes for PeerId derivation
	 * @throws KeyEncodingException if the bytes are not a valid public key
	 */
	public static PublicKey unmarshalPublicKey(byte[] bytes) throws KeyEncodingException {
		KeysProto.PublicKey proto;
		try {
			proto = KeysProto.PublicKey.parseFrom(checkedLength(bytes));
		}
		catch (InvalidProtocolBufferException ex) {
			throw new KeyEncodingException("invalid public key protobuf: " + ex.getMessage(), ex);
		}
		byte[] data = proto.getData().toByteArray();
		return switch (keyType(proto.getType())) {
			case ED25519 -> Ed25519Keys.publicKey(data);
			case SECP256K1 -> EcKeys.secp256k1PublicKey(data);
			case ECDSA -> EcKeys.ecdsaPublicKey(data);
			case RSA -> RsaKeys.publicKey(data);
		};
	}

	/**
	 * Reads a private key protobuf.
	 * @param bytes the protobuf
	 * @return the key
	 * @throws KeyEncodingException if the bytes are not a valid private key
	 */
	public static PrivateKey unmarshalPrivateKey(byte[] bytes) throws KeyEncodingException {
		KeysProto.PrivateKey proto;
		try {
			proto = KeysProto.PrivateKey.parseFrom(checkedLength(bytes));
		}
		catch (InvalidProtocolBufferException ex) {
			throw new KeyEncodingException("invalid private key protobuf: " + ex.getMessage(), ex);
		}
		byte[] data = proto.getData().toByteArray();
		return switch (keyType(proto.getType())) {
			case ED25519 -> Ed25519Keys.privateKey(data);
			case SECP256K1 -> EcKeys.secp256k1PrivateKey(data);
			case ECDSA -> EcKeys.ecdsaPrivateKey(data);
			case RSA -> RsaKeys.privateKey(data);
		};
	}

	private static byte[] checkedLength(byte[] bytes) {
		if (bytes.length > MAX_ENCODED_LENGTH) {
			throw new KeyEncodingException(
					"key protobuf of " + bytes.length + " bytes exceeds the limit of " + MAX_ENCODED_LENGTH);
		}
		return bytes;
	}

	/**
	 * Maps the protobuf enum. An unknown type number never gets here: proto2 keeps it as
	 * an unknown field, so the required {@code Type} is missing and parsing fails.
	 */
	private static KeyType keyType(KeysProto.KeyType type) {
		KeyType keyType = KeyType.forNumber(type.getNumber());
		if (keyType == null) {
			throw new KeyEncodingException("unknown key type " + type);
		}
		return keyType;
	}

}
