package io.jlibp2p.multiformats;

import java.util.Base64;
import java.util.HexFormat;

/**
 * The multibase encodings libp2p uses: a one-character prefix naming the base, then the
 * text.
 *
 * @see <a href="https://github.com/multiformats/multibase">multibase</a>
 */
public enum Multibase {

	/** {@code z}: base58 with the Bitcoin alphabet. */
	BASE58BTC('z'),

	/** {@code b}: RFC 4648 base32, lower case, no padding; the default for CIDv1. */
	BASE32('b'),

	/**
	 * {@code u}: RFC 4648 base64 with the URL-safe alphabet, no padding; go's choice for
	 * certhashes.
	 */
	BASE64URL('u'),

	/** {@code f}: lower-case hexadecimal. */
	BASE16('f');

	private static final HexFormat HEX = HexFormat.of();

	private final char prefix;

	Multibase(char prefix) {
		this.prefix = prefix;
	}

	/**
	 * Returns the prefix character.
	 * @return the character that names this base
	 */
	public char prefix() {
		return this.prefix;
	}

	/**
	 * Encodes bytes with this base, prefix included.
	 * @param bytes the bytes
	 * @return the multibase text
	 */
	public String encode(byte[] bytes) {
		return this.prefix + encodeWithoutPrefix(bytes);
	}

	String encodeWithoutPrefix(byte[] bytes) {
		return switch (this) {
			case BASE58BTC -> Base58.encode(bytes);
			case BASE32 -> Base32.encode(bytes);
			case BASE64URL -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			case BASE16 -> HEX.formatHex(bytes);
		};
	}

	byte[] decodeWithoutPrefix(CharSequence text) throws MultiformatException {
		return switch (this) {
			case BASE58BTC -> Base58.decode(text);
			case BASE32 -> Base32.decode(text);
			case BASE64URL -> decodeBase64Url(text);
			case BASE16 -> decodeHex(text);
		};
	}

	/**
	 * Returns the base that a multibase text is written in.
	 * @param text the multibase text
	 * @return its base
	 * @throws MultiformatException if the text is empty or its prefix names no supported
	 * base
	 */
	public static Multibase of(CharSequence text) throws MultiformatException {
		if (text.length() == 0) {
			throw new MultiformatException("empty multibase text");
		}
		char prefix = text.charAt(0);
		for (Multibase base : values()) {
			if (base.prefix == prefix) {
				return base;
			}
		}
		throw new MultiformatException("unsupported multibase prefix '" + prefix + "'");
	}

	/**
	 * Decodes multibase text in whichever supported base its prefix names.
	 * @param text the multibase text
	 * @return the decoded bytes
	 * @throws MultiformatException if the prefix is unknown or the text is not valid in
	 * its base
	 */
	public static byte[] decode(CharSequence text) throws MultiformatException {
		return of(text).decodeWithoutPrefix(text.subSequence(1, text.length()));
	}

	private static byte[] decodeBase64Url(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '=') {
				throw new MultiformatException("base64url multibase text must not be padded");
			}
		}
		try {
			return Base64.getUrlDecoder().decode(text.toString());
		}
		catch (IllegalArgumentException ex) {
			throw new MultiformatException("invalid base64url text: " + ex.getMessage(), ex);
		}
	}

	private static byte[] decodeHex(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 'A' && c <= 'F') {
				throw new MultiformatException("base16 multibase text ('f') must be lower case");
			}
		}
		try {
			return HEX.parseHex(text);
		}
		catch (IllegalArgumentException ex) {
			throw new MultiformatException("invalid base16 text: " + ex.getMessage(), ex);
		}
	}

}
