package io.jlibp2p.protocol.pubsub;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.jspecify.annotations.Nullable;

/**
 * Derives a message's id. Every node of a network must use the same function, or gossip
 * (IHAVE, IWANT, IDONTWANT) cannot match ids; go, js and rust disagree on the default, so
 * the choice is explicit.
 */
@FunctionalInterface
public interface MessageIdFunction {

	/**
	 * go-libp2p's default and jlibp2p's: the author's PeerId bytes followed by the 8-byte
	 * sequence number.
	 */
	MessageIdFunction FROM_AND_SEQNO = (author, topic,
			data) -> withSequenceNumber(requireAuthor(author).peer().toBytes(), author);

	/**
	 * js-libp2p's default for signed messages: the author's protobuf-encoded public key
	 * followed by the 8-byte sequence number.
	 */
	MessageIdFunction PUBLIC_KEY_AND_SEQNO = (author, topic,
			data) -> withSequenceNumber(requireAuthor(author).key().marshal(), author);

	/**
	 * The sha2-256 of the data: the usual choice under StrictNoSign, where messages have
	 * no author.
	 */
	MessageIdFunction SHA256_OF_DATA = (author, topic, data) -> {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	};

	/**
	 * Computes the id bytes of a message.
	 * @param author the checked author, {@code null} for unsigned messages
	 * @param topic the topic
	 * @param data the payload
	 * @return the id bytes
	 */
	byte[] idBytes(@Nullable Author author, String topic, byte[] data);

	private static Author requireAuthor(@Nullable Author author) {
		if (author == null) {
			throw new IllegalArgumentException("this message id needs signed messages; use SHA256_OF_DATA");
		}
		return author;
	}

	private static byte[] withSequenceNumber(byte[] prefix, Author author) {
		return ByteBuffer.allocate(prefix.length + Long.BYTES).put(prefix).putLong(author.sequenceNumber()).array();
	}

}
