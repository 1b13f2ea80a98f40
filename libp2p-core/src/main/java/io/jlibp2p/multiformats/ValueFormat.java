package io.jlibp2p.multiformats;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.jlibp2p.peer.PeerId;

/**
 * How a multiaddr protocol's value looks in bytes and in text. Each format parses text,
 * formats bytes and validates bytes read from the network, throwing
 * {@link MultiaddrException} naming the protocol.
 */
enum ValueFormat {

	/** No value: {@code /ws}, {@code /p2p-circuit}. */
	NONE(0),

	/** Four address bytes, dotted decimal. */
	IP4(4),

	/** Sixteen address bytes, RFC 5952 text. */
	IP6(16),

	/** Unsigned 16-bit big-endian port, decimal. */
	PORT(2),

	/** Length-prefixed UTF-8, non-empty, without {@code /}: DNS names and SNI. */
	TEXT(-1),

	/** Length-prefixed PeerId multihash, base58btc text (CIDv1 accepted on parse). */
	PEER_ID(-1),

	/** Length-prefixed multihash, multibase text (base64url printed, as go does). */
	MULTIBASE_MULTIHASH(-1),

	/**
	 * Unsigned 64-bit big-endian integer, decimal, as go and rust encode {@code /memory}.
	 */
	UINT64(8);

	private final int fixedLength;

	ValueFormat(int fixedLength) {
		this.fixedLength = fixedLength;
	}

	/** Returns the value's byte length, or -1 when it is length-prefixed. */
	int fixedLength() {
		return this.fixedLength;
	}

	byte[] parse(Protocol protocol, String text) throws MultiaddrException {
		try {
			return switch (this) {
				case NONE -> new byte[0];
				case IP4 -> IpAddresses.parseIp4(text);
				case IP6 -> IpAddresses.parseIp6(text);
				case PORT -> parsePort(protocol, text);
				case TEXT -> checkedText(protocol, text).getBytes(StandardCharsets.UTF_8);
				case PEER_ID -> PeerId.parse(text).toBytes();
				case MULTIBASE_MULTIHASH -> Multihash.decode(Multibase.decode(text)).toBytes();
				case UINT64 -> ByteBuffer.allocate(8).putLong(parseUnsignedLong(protocol, text)).array();
			};
		}
		catch (MultiaddrException ex) {
			throw ex;
		}
		catch (MultiformatException ex) {
			throw new MultiaddrException(
					"invalid " + protocol.protocolName() + " value '" + text + "': " + ex.getMessage(), ex);
		}
	}

	String format(byte[] value) {
		return switch (this) {
			case NONE -> "";
			case IP4 -> IpAddresses.formatIp4(value);
			case IP6 -> IpAddresses.formatIp6(value);
			case PORT -> Integer.toString(((value[0] & 0xFF) << 8) | (value[1] & 0xFF));
			case TEXT -> new String(value, StandardCharsets.UTF_8);
			case PEER_ID -> Base58.encode(value);
			case MULTIBASE_MULTIHASH -> Multibase.BASE64URL.encode(value);
			case UINT64 -> Long.toUnsignedString(ByteBuffer.wrap(value).getLong());
		};
	}

	/**
	 * Checks a value read from bytes; fixed lengths are already checked by the reader.
	 */
	void validate(Protocol protocol, byte[] value) throws MultiaddrException {
		try {
			switch (this) {
				case TEXT -> checkedText(protocol, decodeUtf8(protocol, value));
				case PEER_ID -> PeerId.fromBytes(value);
				case MULTIBASE_MULTIHASH -> Multihash.decode(value);
				default -> {
				}
			}
		}
		catch (MultiaddrException ex) {
			throw ex;
		}
		catch (MultiformatException ex) {
			throw new MultiaddrException("invalid " + protocol.protocolName() + " value: " + ex.getMessage(), ex);
		}
	}

	private static byte[] parsePort(Protocol protocol, String text) {
		boolean digits = !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
		int port = digits ? Integer.parseInt(text) : -1;
		if (port < 0 || port > 0xFFFF) {
			throw new MultiaddrException("invalid " + protocol.protocolName() + " port '" + text + "'");
		}
		return new byte[] { (byte) (port >>> 8), (byte) port };
	}

	private static long parseUnsignedLong(Protocol protocol, String text) {
		boolean digits = !text.isEmpty() && text.length() <= 20 && text.chars().allMatch(c -> c >= '0' && c <= '9');
		try {
			if (digits) {
				return Long.parseUnsignedLong(text);
			}
		}
		catch (NumberFormatException ex) {
			// falls through to the exception below
		}
		throw new MultiaddrException("invalid " + protocol.protocolName() + " value '" + text + "'");
	}

	private static String checkedText(Protocol protocol, String text) {
		if (text.isEmpty()) {
			throw new MultiaddrException(protocol.protocolName() + " value must not be empty");
		}
		if (text.indexOf('/') >= 0) {
			throw new MultiaddrException(protocol.protocolName() + " value '" + text + "' must not contain '/'");
		}
		return text;
	}

	private static String decodeUtf8(Protocol protocol, byte[] value) {
		try {
			CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(value));
			return chars.toString();
		}
		catch (CharacterCodingException ex) {
			throw new MultiaddrException(protocol.protocolName() + " value is not valid UTF-8", ex);
		}
	}

}
