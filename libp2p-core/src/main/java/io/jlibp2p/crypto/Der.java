package io.jlibp2p.crypto;

import java.io.IOException;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * Strict DER in and out, on BouncyCastle's ASN.1 classes, for the key encodings and ECDSA
 * signatures.
 */
final class Der {

	private Der() {
	}

	/**
	 * Parses DER and insists that it was DER, not BER: the bytes must re-encode to
	 * themselves. BouncyCastle's parser is bounded by the input length, so hostile
	 * lengths cannot make it allocate more than the input.
	 * @param data the bytes
	 * @param what what they should be, for the exception message
	 * @return the parsed value
	 * @throws KeyEncodingException if the bytes are not canonical DER
	 */
	static ASN1Primitive parse(byte[] data, String what) {
		ASN1Primitive primitive;
		try {
			primitive = ASN1Primitive.fromByteArray(data);
		}
		catch (IOException | RuntimeException ex) {
			// BouncyCastle reports malformed ASN.1 with several unchecked exception
			// types.
			throw new KeyEncodingException(what + " is not valid DER: " + ex.getMessage(), ex);
		}
		if (primitive == null || !Arrays.equals(encode(primitive), data)) {
			throw new KeyEncodingException(what + " is not canonical DER");
		}
		return primitive;
	}

	/**
	 * Encodes a value as DER.
	 * @param value the value
	 * @return its DER encoding
	 */
	static byte[] encode(ASN1Encodable value) {
		try {
			return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
		}
		catch (IOException ex) {
			throw new IllegalStateException("DER encoding into memory cannot fail", ex);
		}
	}

}
