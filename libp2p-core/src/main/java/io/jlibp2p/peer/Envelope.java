package io.jlibp2p.peer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.jlibp2p.crypto.KeyEncodingException;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.crypto.PublicKey;
import io.jlibp2p.internal.proto.EnvelopeProto;
import io.jlibp2p.multiformats.Varint;

/**
 * A signed envelope (libp2p RFC 0002): a payload, its type, and a signature by the
 * sender's key over a domain string, the type and the payload. The domain separates uses,
 * so a signature made for one purpose cannot be replayed for another.
 *
 * <p>
 * Instances exist only sealed by a local key or opened with a verified signature.
 *
 * @see <a href=
 * "https://github.com/libp2p/specs/blob/master/RFC/0002-signed-envelopes.md">RFC 0002</a>
 */
public final class Envelope {

	/**
	 * Longest envelope accepted, in bytes. Envelopes travel inside identify (read limit 8
	 * KiB in go and js) and pubsub PRUNE peer exchange; 16 KiB leaves room without
	 * inviting abuse.
	 */
	public static final int MAX_LENGTH = 16 * 1024;

	private final PublicKey publicKey;

	private final byte[] payloadType;

	private final byte[] payload;

	private final byte[] signature;

	private final byte[] encoded;

	private Envelope(PublicKey publicKey, byte[] payloadType, byte[] payload, byte[] signature, byte[] encoded) {
		this.publicKey = publicKey;
		this.payloadType = payloadType;
		this.payload = payload;
		this.signature = signature;
		this.encoded = encoded;
	}

	/**
	 * Signs a payload.
	 * @param key the signer's key
	 * @param domain the domain separating this use of signatures from others
	 * @param payloadType the payload's multicodec, as bytes
	 * @param payload the payload
	 * @return the sealed envelope
	 */
	public static Envelope seal(PrivateKey key, String domain, byte[] payloadType, byte[] payload) {
		byte[] signature = key.sign(signedData(domain, payloadType, payload));
		byte[] encoded = EnvelopeProto.Envelope.newBuilder()
			.setPublicKey(publicKeyProto(key.publicKey()))
			.setPayloadType(ByteString.copyFrom(payloadType))
			.setPayload(ByteString.copyFrom(payload))
			.setSignature(ByteString.copyFrom(signature))
			.build()
			.toByteArray();
		return new Envelope(key.publicKey(), payloadType.clone(), payload.clone(), signature, encoded);
	}

	/**
	 * Reads an envelope and verifies its signature for a domain, before anything in the
	 * payload is looked at.
	 * @param bytes the envelope protobuf
	 * @param domain the domain the signature must have been made for
	 * @return the envelope
	 * @throws EnvelopeException if the bytes are malformed or the signature does not
	 * verify
	 */
	public static Envelope open(byte[] bytes, String domain) throws EnvelopeException {
		if (bytes.length > MAX_LENGTH) {
			throw new EnvelopeException("envelope of " + bytes.length + " bytes exceeds the limit of " + MAX_LENGTH);
		}
		EnvelopeProto.Envelope proto;
		PublicKey publicKey;
		try {
			proto = EnvelopeProto.Envelope.parseFrom(bytes);
			if (!proto.hasPublicKey()) {
				throw new EnvelopeException("envelope has no public key");
			}
			publicKey = Keys.unmarshalPublicKey(proto.getPublicKey().toByteArray());
		}
		catch (InvalidProtocolBufferException | KeyEncodingException ex) {
			throw new EnvelopeException("invalid envelope: " + ex.getMessage(), ex);
		}
		byte[] payloadType = proto.getPayloadType().toByteArray();
		byte[] payload = proto.getPayload().toByteArray();
		byte[] signature = proto.getSignature().toByteArray();
		if (!publicKey.verify(signedData(domain, payloadType, payload), signature)) {
			throw new EnvelopeException("envelope signature does not verify for domain '" + domain + "'");
		}
		return new Envelope(publicKey, payloadType, payload, signature, bytes.clone());
	}

	/**
	 * The bytes that are signed: each of domain, type and payload prefixed with its
	 * varint length.
	 */
	private static byte[] signedData(String domain, byte[] payloadType, byte[] payload) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(
				domain.length() + payloadType.length + payload.length + 3 * Varint.MAX_LENGTH);
		for (byte[] part : new byte[][] { domain.getBytes(StandardCharsets.UTF_8), payloadType, payload }) {
			out.writeBytes(Varint.encode(part.length));
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static io.jlibp2p.internal.proto.KeysProto.PublicKey publicKeyProto(PublicKey key) {
		try {
			return io.jlibp2p.internal.proto.KeysProto.PublicKey.parseFrom(key.marshal());
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalStateException("a key's own encoding must parse", ex);
		}
	}

	/**
	 * Returns the signer's public key.
	 * @return the key
	 */
	public PublicKey publicKey() {
		return this.publicKey;
	}

	/**
	 * Returns the PeerId of the signer.
	 * @return the PeerId derived from {@link #publicKey()}
	 */
	public PeerId signer() {
		return PeerId.fromPublicKey(this.publicKey);
	}

	/**
	 * Returns the payload type.
	 * @return a copy of the multicodec bytes
	 */
	public byte[] payloadType() {
		return this.payloadType.clone();
	}

	/**
	 * Returns the payload.
	 * @return a copy of the payload
	 */
	public byte[] payload() {
		return this.payload.clone();
	}

	/**
	 * Returns the signature.
	 * @return a copy of the signature
	 */
	public byte[] signature() {
		return this.signature.clone();
	}

	/**
	 * Returns the envelope protobuf, as received or as sealed.
	 * @return a copy of the bytes
	 */
	public byte[] marshal() {
		return this.encoded.clone();
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof Envelope that && Arrays.equals(this.encoded, that.encoded));
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.encoded);
	}

	@Override
	public String toString() {
		return "Envelope[signer=" + signer() + ", payloadType=" + Arrays.toString(this.payloadType) + ", payload="
				+ this.payload.length + " bytes]";
	}

}
