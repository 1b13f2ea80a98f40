package io.jlibp2p.protocol.pubsub;

import java.util.Arrays;
import java.util.Base64;

/**
 * A pubsub message id: opaque bytes that every node of a network derives the same way
 * from a message, so they can tell each other which messages they have.
 */
public final class MessageId {

	private final byte[] bytes;

	private final int hash;

	private MessageId(byte[] bytes) {
		this.bytes = bytes;
		this.hash = Arrays.hashCode(bytes);
	}

	/**
	 * Wraps id bytes.
	 * @param bytes the id, copied
	 * @return the id
	 */
	public static MessageId of(byte[] bytes) {
		return new MessageId(bytes.clone());
	}

	/**
	 * Parses the text form of {@link #toString()}.
	 * @param text unpadded base64url
	 * @return the id
	 * @throws IllegalArgumentException if the text is not base64url
	 */
	public static MessageId parse(String text) {
		return new MessageId(Base64.getUrlDecoder().decode(text));
	}

	/**
	 * Returns the id bytes.
	 * @return a copy
	 */
	public byte[] toBytes() {
		return this.bytes.clone();
	}

	int length() {
		return this.bytes.length;
	}

	byte[] bytesUnsafe() {
		return this.bytes;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof MessageId id && Arrays.equals(this.bytes, id.bytes);
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	/**
	 * Returns the id as unpadded base64url, the form the REST API uses.
	 * @return the text form
	 */
	@Override
	public String toString() {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(this.bytes);
	}

}
