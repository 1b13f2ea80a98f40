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

	private TopicNames() {
	}

	static void requireValid(String topic) {
		if (topic.isEmpty()) {
			throw new IllegalArgumentException("a topic must not be empty");
		}
	}

	/**
	 * Decodes a topic from the wire, verbatim.
	 * @param bytes the bytes
	 * @return the topic, or {@code null} if it is empty or not UTF-8
	 */
	static @Nullable String decode(ByteString bytes) {
		if (bytes.isEmpty()) {
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
