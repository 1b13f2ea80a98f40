package io.jlibp2p.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 keys on BouncyCastle's RFC 8032 implementation.
 *
 * <p>
 * Ed25519Private key data is {@code seed ‖ public} (64 bytes); the legacy 96-byte form
 * {@code seed ‖ public ‖ public} that old go versions wrote is accepted when both copies
 * agree.
 */
final class Ed25519Keys {

	static final int PUBLIC_LENGTH = Ed25519.PUBLIC_KEY_SIZE;

	static final int SEED_LENGTH = Ed25519.SECRET_KEY_SIZE;

	private static final int LEGACY_PRIVATE_LENGTH = SEED_LENGTH + 2 * PUBLIC_LENGTH;

	private Ed25519Keys() {
	}

	static PrivateKey generate(SecureRandom random) {
		byte[] seed = new byte[SEED_LENGTH];
		random.nextBytes(seed);
		return fromSeed(seed);
	}

	static PrivateKey fromSeed(byte[] seed) {
		if (seed.length != SEED_LENGTH) {
			throw new KeyEncodingException("Ed25519 seed must be " + SEED_LENGTH + " bytes, not " + seed.length);
		}
		byte[] publicKey = new byte[PUBLIC_LENGTH];
		Ed25519.generatePublicKey(seed, 0, publicKey, 0);
		byte[] data = Arrays.copyOf(seed, SEED_LENGTH + PUBLIC_LENGTH);
		System.arraycopy(publicKey, 0, data, SEED_LENGTH, PUBLIC_LENGTH);
		return new Ed25519Private(data, new Ed25519Public(publicKey));
	}

	static PublicKey publicKey(byte[] data) {
		if (data.length != PUBLIC_LENGTH) {
			throw new KeyEncodingException(
					"Ed25519 public key must be " + PUBLIC_LENGTH + " bytes, not " + data.length);
		}
		return new Ed25519Public(data.clone());
	}

	static PrivateKey privateKey(byte[] data) {
		if (data.length != SEED_LENGTH + PUBLIC_LENGTH && data.length != LEGACY_PRIVATE_LENGTH) {
			throw new KeyEncodingException("Ed25519 private key must be " + (SEED_LENGTH + PUBLIC_LENGTH) + " or "
					+ LEGACY_PRIVATE_LENGTH + " bytes, not " + data.length);
		}
		if (data.length == LEGACY_PRIVATE_LENGTH && !Arrays.equals(data, SEED_LENGTH, SEED_LENGTH + PUBLIC_LENGTH, data,
				SEED_LENGTH + PUBLIC_LENGTH, LEGACY_PRIVATE_LENGTH)) {
			throw new KeyEncodingException("legacy 96-byte Ed25519 private key holds two different public keys");
		}
		PrivateKey key = fromSeed(Arrays.copyOf(data, SEED_LENGTH));
		if (!Arrays.equals(key.publicKey().raw(), 0, PUBLIC_LENGTH, data, SEED_LENGTH, SEED_LENGTH + PUBLIC_LENGTH)) {
			throw new KeyEncodingException("Ed25519 private key holds a public key that does not match its seed");
		}
		return key;
	}

	private static final class Ed25519Public extends EncodedKey.Public {

		Ed25519Public(byte[] data) {
			super(KeyType.ED25519, data);
		}

		@Override
		public boolean verify(byte[] message, byte[] signature) {
			return signature.length == Ed25519.SIGNATURE_SIZE
					&& Ed25519.verify(signature, 0, data(), 0, message, 0, message.length);
		}

	}

	private static final class Ed25519Private extends EncodedKey.Private {

		private final Ed25519Public publicKey;

		Ed25519Private(byte[] data, Ed25519Public publicKey) {
			super(KeyType.ED25519, data);
			this.publicKey = publicKey;
		}

		@Override
		public PublicKey publicKey() {
			return this.publicKey;
		}

		@Override
		public byte[] sign(byte[] message) {
			byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
			Ed25519.sign(data(), 0, this.publicKey.data(), 0, message, 0, message.length, signature, 0);
			return signature;
		}

	}

}
