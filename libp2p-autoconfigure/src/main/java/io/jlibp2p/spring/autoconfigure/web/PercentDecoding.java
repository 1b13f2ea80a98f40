package io.jlibp2p.spring.autoconfigure.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Strict decoding of the raw request paths that carry topics and DHT keys: percent
 * escapes must be complete and the bytes valid UTF-8.
 */
final class PercentDecoding {

	private PercentDecoding() {
	}

	/**
	 * Percent-decodes a path into UTF-8 text, refusing malformed escapes and bytes.
	 */
	static String decode(String encoded) {
		ByteBuffer bytes = ByteBuffer.allocate(encoded.length() * 4);
		for (int i = 0; i < encoded.length(); i++) {
			char c = encoded.charAt(i);
			if (c == '%') {
				if (i + 2 >= encoded.length()) {
					throw new IllegalArgumentException("truncated percent escape in the path");
				}
				int high = Character.digit(encoded.charAt(i + 1), 16);
				int low = Character.digit(encoded.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					throw new IllegalArgumentException("malformed percent escape in the path");
				}
				bytes.put((byte) ((high << 4) | low));
				i += 2;
			}
			else {
				bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
			}
		}
		String text = strictUtf8(bytes.flip());
		if (text == null) {
			throw new IllegalArgumentException("the path is not valid UTF-8");
		}
		return text;
	}

	static @Nullable String strictUtf8(ByteBuffer bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes)
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
