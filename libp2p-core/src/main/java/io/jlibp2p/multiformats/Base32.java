package io.jlibp2p.multiformats;

/**
 * RFC 4648 base32 in lower case without padding, the default text form of CIDv1 and so of
 * {@code bafz…} PeerIds.
 */
final class Base32 {

	private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private Base32() {
	}

	static String encode(byte[] input) {
		StringBuilder out = new StringBuilder((input.length * 8 + 4) / 5);
		int buffer = 0;
		int bits = 0;
		for (byte b : input) {
			buffer = (buffer << 8) | (b & 0xFF);
			bits += 8;
			while (bits >= 5) {
				out.append(ALPHABET[(buffer >>> (bits - 5)) & 0x1F]);
				bits -= 5;
			}
		}
		if (bits > 0) {
			out.append(ALPHABET[(buffer << (5 - bits)) & 0x1F]);
		}
		return out.toString();
	}

	static byte[] decode(CharSequence text) throws MultiformatException {
		int trailingBits = (text.length() * 5) % 8;
		if (trailingBits >= 5) {
			throw new MultiformatException("base32 text of " + text.length() + " characters has an impossible length");
		}
		byte[] out = new byte[text.length() * 5 / 8];
		int buffer = 0;
		int bits = 0;
		int index = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			int value;
			if (c >= 'a' && c <= 'z') {
				value = c - 'a';
			}
			else if (c >= '2' && c <= '7') {
				value = c - '2' + 26;
			}
			else {
				throw new MultiformatException("invalid base32 character '" + c + "' at index " + i);
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				out[index++] = (byte) (buffer >>> (bits - 8));
				bits -= 8;
			}
		}
		if ((buffer & ((1 << bits) - 1)) != 0) {
			throw new MultiformatException("base32 text has non-zero padding bits");
		}
		return out;
	}

}
