package io.jlibp2p.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;

/**
 * Elliptic-curve keys: {@link KeyType#SECP256K1} and {@link KeyType#ECDSA}, on
 * BouncyCastle's lightweight API. Both sign SHA-256 of the message with ECDSA and write
 * DER signatures.
 *
 * <p>
 * Encodings follow go-libp2p, whose encodings the other implementations copy:
 * <ul>
 * <li>secp256k1 public: the compressed point (33 bytes; uncompressed points are accepted
 * and kept as received); private: the 32-byte scalar.</li>
 * <li>ECDSA public: X.509 SubjectPublicKeyInfo DER; private: SEC1 ECPrivateKey DER. P-256
 * is generated; P-384 and P-521, which go also accepts, are read.</li>
 * </ul>
 * Signatures are deterministic (RFC 6979) and low-S; verification demands strict DER,
 * except for the raw form js-libp2p writes for ECDSA (see {@code decodeRawSignature}).
 */
final class EcKeys {

	private static final Curve SECP256K1 = new Curve("secp256k1", SECObjectIdentifiers.secp256k1);

	private static final Map<ASN1ObjectIdentifier, Curve> NIST_CURVES = Map.of(SECObjectIdentifiers.secp256r1,
			new Curve("secp256r1", SECObjectIdentifiers.secp256r1), SECObjectIdentifiers.secp384r1,
			new Curve("secp384r1", SECObjectIdentifiers.secp384r1), SECObjectIdentifiers.secp521r1,
			new Curve("secp521r1", SECObjectIdentifiers.secp521r1));

	private static final Curve P256 = NIST_CURVES.get(SECObjectIdentifiers.secp256r1);

	private static final int SECP256K1_SCALAR_LENGTH = 32;

	private EcKeys() {
	}

	static PrivateKey generate(KeyType type, SecureRandom random) {
		Curve curve = (type == KeyType.SECP256K1) ? SECP256K1 : P256;
		BigInteger d;
		do {
			d = new BigInteger(curve.domain.getN().bitLength(), random);
		}
		while (d.signum() == 0 || d.compareTo(curve.domain.getN()) >= 0);
		return (type == KeyType.SECP256K1) ? secp256k1PrivateKey(d) : ecdsaPrivateKey(curve, d);
	}

	static PublicKey secp256k1PublicKey(byte[] data) {
		return new EcPublic(KeyType.SECP256K1, data.clone(), SECP256K1, decodePoint(SECP256K1, data));
	}

	static PrivateKey secp256k1PrivateKey(byte[] data) {
		if (data.length != SECP256K1_SCALAR_LENGTH) {
			throw new KeyEncodingException(
					"secp256k1 private key must be " + SECP256K1_SCALAR_LENGTH + " bytes, not " + data.length);
		}
		return secp256k1PrivateKey(checkedScalar(SECP256K1, new BigInteger(1, data)));
	}

	private static PrivateKey secp256k1PrivateKey(BigInteger d) {
		ECPoint q = SECP256K1.domain.getG().multiply(d).normalize();
		EcPublic publicKey = new EcPublic(KeyType.SECP256K1, q.getEncoded(true), SECP256K1, q);
		return new EcPrivate(KeyType.SECP256K1, toFixedLength(d, SECP256K1_SCALAR_LENGTH), d, publicKey);
	}

	/**
	 * Reads an ECDSA public key. go and rust write SubjectPublicKeyInfo; js-libp2p writes
	 * {@code SEQUENCE { 1, [0] curve, [1] point }} (a SEC1 private key without the
	 * scalar). Both are read, and the bytes are kept as received, so the PeerId matches
	 * the sender's either way.
	 */
	static PublicKey ecdsaPublicKey(byte[] data) {
		ASN1Primitive der = Der.parse(data, "ECDSA public key");
		try {
			ASN1Sequence sequence = ASN1Sequence.getInstance(der);
			return (sequence.getObjectAt(0) instanceof ASN1Integer) ? jsEcdsaPublicKey(data, sequence)
					: spkiEcdsaPublicKey(data, SubjectPublicKeyInfo.getInstance(sequence));
		}
		catch (KeyEncodingException ex) {
			throw ex;
		}
		catch (IllegalArgumentException ex) {
			throw new KeyEncodingException("ECDSA public key has an unexpected structure", ex);
		}
	}

	private static PublicKey spkiEcdsaPublicKey(byte[] data, SubjectPublicKeyInfo info) {
		AlgorithmIdentifier algorithm = info.getAlgorithm();
		if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
			throw new KeyEncodingException(
					"ECDSA public key has algorithm " + algorithm.getAlgorithm() + ", not id-ecPublicKey");
		}
		Curve curve = nistCurve(algorithm.getParameters());
		return new EcPublic(KeyType.ECDSA, data.clone(), curve,
				decodePoint(curve, info.getPublicKeyData().getOctets()));
	}

	private static PublicKey jsEcdsaPublicKey(byte[] data, ASN1Sequence sequence) {
		if (sequence.size() != 3
				|| !BigInteger.ONE.equals(ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue())) {
			throw new KeyEncodingException(
					"ECDSA public key in js-libp2p form must be SEQUENCE { 1, [0] curve, [1] point }");
		}
		Curve curve = nistCurve(ASN1ObjectIdentifier
			.getInstance(ASN1TaggedObject.getInstance(sequence.getObjectAt(1), BERTags.CONTEXT_SPECIFIC, 0), true));
		byte[] point = DERBitString
			.getInstance(ASN1TaggedObject.getInstance(sequence.getObjectAt(2), BERTags.CONTEXT_SPECIFIC, 1), true)
			.getOctets();
		return new EcPublic(KeyType.ECDSA, data.clone(), curve, decodePoint(curve, point));
	}

	static PrivateKey ecdsaPrivateKey(byte[] data) {
		ASN1Primitive der = Der.parse(data, "ECDSA private key");
		org.bouncycastle.asn1.sec.ECPrivateKey sec1;
		try {
			sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(der);
		}
		catch (IllegalArgumentException ex) {
			throw new KeyEncodingException("ECDSA private key is not a SEC1 ECPrivateKey", ex);
		}
		Curve curve = nistCurve(sec1.getParametersObject());
		BigInteger d = checkedScalar(curve, sec1.getKey());
		PrivateKey key = ecdsaPrivateKey(curve, d);
		return new EcPrivate(KeyType.ECDSA, data.clone(), d, (EcPublic) key.publicKey());
	}

	private static PrivateKey ecdsaPrivateKey(Curve curve, BigInteger d) {
		ECPoint q = curve.domain.getG().multiply(d).normalize();
		byte[] spki = Der.encode(new SubjectPublicKeyInfo(
				new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve.oid), q.getEncoded(false)));
		EcPublic publicKey = new EcPublic(KeyType.ECDSA, spki, curve, q);
		byte[] sec1 = Der.encode(new org.bouncycastle.asn1.sec.ECPrivateKey(curve.domain.getN().bitLength(), d,
				new DERBitString(q.getEncoded(false)), curve.oid));
		return new EcPrivate(KeyType.ECDSA, sec1, d, publicKey);
	}

	private static Curve nistCurve(@Nullable ASN1Encodable parameters) {
		Curve curve = (parameters instanceof ASN1ObjectIdentifier oid) ? NIST_CURVES.get(oid) : null;
		if (curve == null) {
			throw new KeyEncodingException(
					"ECDSA key on unsupported curve " + parameters + " (P-256, P-384 and P-521 are supported)");
		}
		return curve;
	}

	private static ECPoint decodePoint(Curve curve, byte[] encoded) {
		try {
			ECPoint point = curve.domain.getCurve().decodePoint(encoded).normalize();
			if (point.isInfinity()) {
				throw new KeyEncodingException(curve.name + " public key is the point at infinity");
			}
			return point;
		}
		catch (IllegalArgumentException | ArithmeticException ex) {
			throw new KeyEncodingException(curve.name + " public key is not a point on the curve", ex);
		}
	}

	private static BigInteger checkedScalar(Curve curve, BigInteger d) {
		if (d.signum() <= 0 || d.compareTo(curve.domain.getN()) >= 0) {
			throw new KeyEncodingException(curve.name + " private key is outside [1, n-1]");
		}
		return d;
	}

	private static byte[] toFixedLength(BigInteger value, int length) {
		byte[] bytes = value.toByteArray();
		if (bytes.length == length) {
			return bytes;
		}
		byte[] out = new byte[length];
		int copied = Math.min(bytes.length, length);
		System.arraycopy(bytes, bytes.length - copied, out, length - copied, copied);
		return out;
	}

	private static byte[] sha256(byte[] message) {
		SHA256Digest digest = new SHA256Digest();
		digest.update(message, 0, message.length);
		byte[] out = new byte[digest.getDigestSize()];
		digest.doFinal(out, 0);
		return out;
	}

	private static final class Curve {

		private final String name;

		private final ASN1ObjectIdentifier oid;

		private final ECDomainParameters domain;

		private final BigInteger halfOrder;

		Curve(String name, ASN1ObjectIdentifier oid) {
			X9ECParameters parameters = CustomNamedCurves.getByOID(oid);
			this.name = name;
			this.oid = oid;
			this.domain = new ECDomainParameters(parameters.getCurve(), parameters.getG(), parameters.getN(),
					parameters.getH());
			this.halfOrder = this.domain.getN().shiftRight(1);
		}

	}

	private static final class EcPublic extends EncodedKey.Public {

		private final ECPublicKeyParameters parameters;

		private final Curve curve;

		EcPublic(KeyType type, byte[] data, Curve curve, ECPoint q) {
			super(type, data);
			this.curve = curve;
			this.parameters = new ECPublicKeyParameters(q, curve.domain);
		}

		@Override
		public boolean verify(byte[] message, byte[] signature) {
			BigInteger[] rs = decodeSignature(signature);
			if (rs == null) {
				return false;
			}
			ECDSASigner verifier = new ECDSASigner();
			verifier.init(false, this.parameters);
			return verifier.verifySignature(sha256(message), rs[0], rs[1]);
		}

		private BigInteger @Nullable [] decodeSignature(byte[] signature) {
			BigInteger[] rs = decodeDerSignature(signature);
			if (rs == null && type() == KeyType.ECDSA) {
				rs = decodeRawSignature(signature);
			}
			BigInteger n = this.curve.domain.getN();
			boolean inRange = rs != null && rs[0].signum() > 0 && rs[1].signum() > 0 && rs[0].compareTo(n) < 0
					&& rs[1].compareTo(n) < 0;
			return inRange ? rs : null;
		}

		private static BigInteger @Nullable [] decodeDerSignature(byte[] signature) {
			try {
				ASN1Sequence sequence = ASN1Sequence.getInstance(Der.parse(signature, "signature"));
				if (sequence.size() != 2) {
					return null;
				}
				return new BigInteger[] { ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue(),
						ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue() };
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

		/**
		 * js-libp2p signs ECDSA through WebCrypto, which writes {@code r ‖ s} as two
		 * fixed-size integers instead of DER. Such signatures are accepted (never
		 * produced) so that js peers' records verify.
		 */
		private BigInteger @Nullable [] decodeRawSignature(byte[] signature) {
			int size = (this.curve.domain.getN().bitLength() + 7) / 8;
			if (signature.length != 2 * size) {
				return null;
			}
			return new BigInteger[] { new BigInteger(1, Arrays.copyOfRange(signature, 0, size)),
					new BigInteger(1, Arrays.copyOfRange(signature, size, 2 * size)) };
		}

	}

	private static final class EcPrivate extends EncodedKey.Private {

		private final ECPrivateKeyParameters parameters;

		private final EcPublic publicKey;

		EcPrivate(KeyType type, byte[] data, BigInteger d, EcPublic publicKey) {
			super(type, data);
			this.publicKey = publicKey;
			this.parameters = new ECPrivateKeyParameters(d, publicKey.curve.domain);
		}

		@Override
		public PublicKey publicKey() {
			return this.publicKey;
		}

		@Override
		public byte[] sign(byte[] message) {
			ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
			signer.init(true, this.parameters);
			BigInteger[] rs = signer.generateSignature(sha256(message));
			BigInteger s = rs[1];
			if (s.compareTo(this.publicKey.curve.halfOrder) > 0) {
				// Low-S form (BIP 62): secp256k1 verifiers may reject the high-S twin.
				s = this.publicKey.curve.domain.getN().subtract(s);
			}
			return Der.encode(new DERSequence(new ASN1Encodable[] { new ASN1Integer(rs[0]), new ASN1Integer(s) }));
		}

	}

}
