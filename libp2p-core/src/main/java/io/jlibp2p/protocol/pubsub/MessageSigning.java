package io.jlibp2p.protocol.pubsub;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.google.protobuf.ByteString;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.crypto.KeyEncodingException;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.crypto.PublicKey;
import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.PeerIdException;

/**
 * Signs messages and checks them against a {@link SignaturePolicy}. The signature covers
 * {@code "libp2p-pubsub:"} followed by the message's protobuf encoding without its
 * {@code signature} and {@code key} fields, fields in tag order, as every implementation
 * re-encodes it to verify.
 */
final class MessageSigning {

	private static final byte[] PREFIX = "libp2p-pubsub:".getBytes(StandardCharsets.US_ASCII);

	private MessageSigning() {
	}

	/**
	 * Builds a message of this node under a policy.
	 * @param policy the policy
	 * @param identity this node's key
	 * @param author this node's PeerId
	 * @param sequenceNumber the next sequence number
	 * @param topic the topic
	 * @param data the payload
	 * @return the message as sent
	 */
	static PubsubProto.Message create(SignaturePolicy policy, PrivateKey identity, PeerId author, long sequenceNumber,
			String topic, byte[] data) {
		PubsubProto.Message.Builder message = PubsubProto.Message.newBuilder()
			.setData(ByteString.copyFrom(data))
			.setTopic(topic);
		if (policy == SignaturePolicy.STRICT_NO_SIGN) {
			return message.build();
		}
		message.setFrom(ByteString.copyFrom(author.toBytes()))
			.setSeqno(ByteString.copyFrom(ByteBuffer.allocate(Long.BYTES).putLong(sequenceNumber).array()));
		message.setSignature(ByteString.copyFrom(identity.sign(signedBytes(message.build()))));
		if (author.extractPublicKey().isEmpty()) {
			message.setKey(ByteString.copyFrom(identity.publicKey().marshal()));
		}
		return message.build();
	}

	/**
	 * Checks a received message against a policy and verifies its signature.
	 * @param policy the policy
	 * @param message the message
	 * @return its author, {@code null} under StrictNoSign
	 * @throws PubsubException naming what is wrong
	 */
	static @Nullable Author check(SignaturePolicy policy, PubsubProto.Message message) {
		Author author = claimedAuthor(policy, message);
		if (author != null) {
			verify(message, author);
		}
		return author;
	}

	/**
	 * Reads who a message claims to be from, checking the policy's fields but not yet the
	 * signature: enough to derive the message id and drop a duplicate before paying for a
	 * signature check.
	 * @param policy the policy
	 * @param message the message
	 * @return the claimed author, {@code null} under StrictNoSign
	 * @throws PubsubException naming what is wrong
	 */
	static @Nullable Author claimedAuthor(SignaturePolicy policy, PubsubProto.Message message) {
		if (policy == SignaturePolicy.STRICT_NO_SIGN) {
			if (message.hasFrom() || message.hasSeqno() || message.hasSignature() || message.hasKey()) {
				throw new PubsubException("StrictNoSign forbids from, seqno, signature and key");
			}
			return null;
		}
		if (!message.hasFrom() || !message.hasSeqno() || !message.hasSignature()) {
			throw new PubsubException("StrictSign needs from, seqno and signature");
		}
		if (message.getSeqno().size() != Long.BYTES) {
			throw new PubsubException("seqno has " + message.getSeqno().size() + " bytes, not 8");
		}
		PeerId from;
		try {
			from = PeerId.fromBytes(message.getFrom().toByteArray());
		}
		catch (PeerIdException ex) {
			throw new PubsubException("from is no PeerId: " + ex.getMessage());
		}
		return new Author(from, authorKey(from, message), message.getSeqno().asReadOnlyByteBuffer().getLong());
	}

	/**
	 * Returns whether a peer is a message's author, as its {@code from} field says.
	 * @param peer the peer
	 * @param message the message
	 * @return {@code true} if the message names the peer as author
	 */
	static boolean isAuthor(PeerId peer, PubsubProto.Message message) {
		return message.hasFrom() && ByteString.copyFrom(peer.toBytes()).equals(message.getFrom());
	}

	/**
	 * Verifies a message's signature by its claimed author.
	 * @param message the message
	 * @param author what {@link #claimedAuthor} returned for it
	 * @throws PubsubException if the signature does not verify
	 */
	static void verify(PubsubProto.Message message, Author author) {
		if (!author.key().verify(signedBytes(message), message.getSignature().toByteArray())) {
			throw new PubsubException("the signature does not verify");
		}
	}

	private static PublicKey authorKey(PeerId from, PubsubProto.Message message) {
		try {
			Optional<PublicKey> inlined = from.extractPublicKey();
			if (message.hasKey()) {
				PublicKey key = Keys.unmarshalPublicKey(message.getKey().toByteArray());
				if (!from.matches(key) || inlined.filter((k) -> !k.equals(key)).isPresent()) {
					throw new PubsubException("the key field is not the key of " + from);
				}
				return key;
			}
			return inlined.orElseThrow(() -> new PubsubException("no key for " + from));
		}
		catch (KeyEncodingException | PeerIdException ex) {
			throw new PubsubException("the author key cannot be read: " + ex.getMessage());
		}
	}

	private static byte[] signedBytes(PubsubProto.Message message) {
		byte[] body = message.toBuilder().clearSignature().clearKey().build().toByteArray();
		byte[] signed = new byte[PREFIX.length + body.length];
		System.arraycopy(PREFIX, 0, signed, 0, PREFIX.length);
		System.arraycopy(body, 0, signed, PREFIX.length, body.length);
		return signed;
	}

}
