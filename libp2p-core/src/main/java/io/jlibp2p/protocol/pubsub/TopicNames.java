package io.jlibp2p.protocol.pubsub;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.google.protobuf.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Topic names: UTF-8 strings, sent and compared verbatim, never hashed or normalised.
 */
final class TopicNames {

	/**
	 * The longest topic kept, in UTF-8 bytes: topics come from peers, and every one a
	 * peer subscribes to is remembered.
	 */
	static final int MAX_LENGTH = 1024;

	private TopicNames() {
	}

	static void requireValid(String topic) {
		if (topic.isEmpty()) {
			throw new IllegalArgumentException("a topic must not be empty");
		}
		int length = topic.getBytes(StandardCharsets.UTF_8).length;
		if (length > MAX_LENGTH) {
			throw new IllegalArgumentException("a topic has at most " + MAX_LENGTH + " bytes of UTF-8, not " + length);
		}
	}

	/**
	 * Decodes a topic from the wire, verbatim.
	 * @param bytes the bytes
	 * @return the topic, or {@code null} if it is empty, longer than {@link #MAX_LENGTH}
	 * bytes or not UTF-8
	 */
	static @Nullable String decode(ByteString bytes) {
		if (bytes.isEmpty() || bytes.size() > MAX_LENGTH) {
			return null;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes.asReadOnlyByteBuffer())
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
