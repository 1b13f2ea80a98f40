package io.jlibp2p.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;

import org.bouncycastle.asn1.ASN1Primitive;

/**
 * RSA keys on the JDK's provider: public keys as X.509 SubjectPublicKeyInfo DER, private
 * keys as PKCS#1 RSAPrivateKey DER, signatures RSASSA-PKCS1-v1_5 with SHA-256.
 *
 * <p>
 * Sizes outside {@value #MIN_BITS}–{@value #MAX_BITS} bits are refused when read, as
 * go-libp2p refuses them: short keys are weak, long ones make every verification
 * expensive.
 */
final class RsaKeys {

	static final int MIN_BITS = 2048;

	static final int MAX_BITS = 8192;

	private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

	private RsaKeys() {
	}

	static PrivateKey generate(int bits, SecureRandom random) {
		checkBits(bits);
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
			return privateKey((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the JDK cannot generate RSA keys", ex);
		}
	}

	static PublicKey publicKey(byte[] data) {
		Der.parse(data, "RSA public key");
		RSAPublicKey key;
		try {
			key = (RSAPublicKey) keyFactory().generatePublic(new X509EncodedKeySpec(data));
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			throw new KeyEncodingException("RSA public key is not a valid SubjectPublicKeyInfo", ex);
		}
		checkBits(key.getModulus().bitLength());
		return new RsaPublic(data.clone(), key);
	}

	static PrivateKey privateKey(byte[] data) {
		ASN1Primitive der = Der.parse(data, "RSA private key");
		org.bouncycastle.asn1.pkcs.RSAPrivateKey pkcs1;
		try {
			pkcs1 = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der);
		}
		catch (IllegalArgumentException ex) {
			throw new KeyEncodingException("RSA private key is not a PKCS#1 RSAPrivateKey", ex);
		}
		checkBits(pkcs1.getModulus().bitLength());
		try {
			RSAPrivateCrtKey key = (RSAPrivateCrtKey) keyFactory().generatePrivate(new RSAPrivateCrtKeySpec(
					pkcs1.getModulus(), pkcs1.getPublicExponent(), pkcs1.getPrivateExponent(), pkcs1.getPrime1(),
					pkcs1.getPrime2(), pkcs1.getExponent1(), pkcs1.getExponent2(), pkcs1.getCoefficient()));
			return new RsaPrivate(data.clone(), key, publicKeyOf(key.getModulus(), key.getPublicExponent()));
		}
		catch (GeneralSecurityException ex) {
			throw new KeyEncodingException("RSA private key is not usable: " + ex.getMessage(), ex);
		}
	}

	private static PrivateKey privateKey(RSAPrivateCrtKey key) throws GeneralSecurityException {
		byte[] pkcs1 = Der.encode(new org.bouncycastle.asn1.pkcs.RSAPrivateKey(key.getModulus(),
				key.getPublicExponent(), key.getPrivateExponent(), key.getPrimeP(), key.getPrimeQ(),
				key.getPrimeExponentP(), key.getPrimeExponentQ(), key.getCrtCoefficient()));
		return new RsaPrivate(pkcs1, key, publicKeyOf(key.getModulus(), key.getPublicExponent()));
	}

	private static RsaPublic publicKeyOf(BigInteger modulus, BigInteger exponent) throws GeneralSecurityException {
		RSAPublicKey key = (RSAPublicKey) keyFactory().generatePublic(new RSAPublicKeySpec(modulus, exponent));
		return new RsaPublic(key.getEncoded(), key);
	}

	private static void checkBits(int bits) {
		if (bits < MIN_BITS || bits > MAX_BITS) {
			throw new KeyEncodingException(
					"RSA key of " + bits + " bits is outside the accepted " + MIN_BITS + "-" + MAX_BITS + " bits");
		}
	}

	private static KeyFactory keyFactory() throws GeneralSecurityException {
		return KeyFactory.getInstance("RSA");
	}

	private static final class RsaPublic extends EncodedKey.Public {

		private final RSAPublicKey key;

		RsaPublic(byte[] data, RSAPublicKey key) {
			super(KeyType.RSA, data);
			this.key = key;
		}

		@Override
		public boolean verify(byte[] message, byte[] signature) {
			try {
				Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
				verifier.initVerify(this.key);
				verifier.update(message);
				return verifier.verify(signature);
			}
			catch (GeneralSecurityException ex) {
				// A malformed signature is an invalid one.
				return false;
			}
		}

	}

	private static final class RsaPrivate extends EncodedKey.Private {

		private final RSAPrivateCrtKey key;

		private final RsaPublic publicKey;

		RsaPrivate(byte[] data, RSAPrivateCrtKey key, RsaPublic publicKey) {
			super(KeyType.RSA, data);
			this.key = key;
			this.publicKey = publicKey;
		}

		@Override
		public PublicKey publicKey() {
			return this.publicKey;
		}

		@Override
		public byte[] sign(byte[] message) {
			try {
				Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
				signer.initSign(this.key);
				signer.update(message);
				return signer.sign();
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("RSA signing failed", ex);
			}
		}

	}

}
