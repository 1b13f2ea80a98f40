package io.jlibp2p.multiformats;

import java.nio.ByteBuffer;

/**
 * Unsigned LEB128 varints as multiformats define them: seven bits a byte, low group
 * first, the high bit set on every byte but the last.
 *
 * <p>
 * Decoding is strict: the encoding must be minimal (no trailing {@code 0x00} groups) and
 * at most {@value #MAX_LENGTH} bytes, so values fit in 63 bits and a Java {@code long} is
 * never negative.
 *
 * @see <a href="https://github.com/multiformats/unsigned-varint">unsigned-varint</a>
 */
public final class Varint {

	/** Longest accepted encoding, in bytes: 9 groups of 7 bits hold 63 bits. */
	public static final int MAX_LENGTH = 9;

	private Varint() {
	}

	/**
	 * Returns the number of bytes that {@link #encode(long)} writes for the value.
	 * @param value a non-negative value
	 * @return the encoded length, 1 to {@value #MAX_LENGTH}
	 */
	public static int encodedLength(long value) {
		requireNonNegative(value);
		int length = 1;
		while ((value >>>= 7) != 0) {
			length++;
		}
		return length;
	}

	/**
	 * Encodes a value.
	 * @param value a non-negative value
	 * @return its minimal encoding
	 */
	public static byte[] encode(long value) {
		byte[] out = new byte[encodedLength(value)];
		write(value, ByteBuffer.wrap(out));
		return out;
	}

	/**
	 * Writes the minimal encoding of a value at the buffer's position.
	 * @param value a non-negative value
	 * @param out the buffer, with at least {@link #encodedLength(long)} bytes remaining
	 */
	public static void write(long value, ByteBuffer out) {
		requireNonNegative(value);
		while ((value & ~0x7FL) != 0) {
			out.put((byte) ((value & 0x7F) | 0x80));
			value >>>= 7;
		}
		out.put((byte) value);
	}

	/**
	 * Reads one varint at the buffer's position and advances past it.
	 * @param in the buffer
	 * @return the value, never negative
	 * @throws MultiformatException if the buffer ends inside the varint, or the encoding
	 * is longer than {@value #MAX_LENGTH} bytes or not minimal
	 */
	public static long read(ByteBuffer in) throws MultiformatException {
		long value = 0;
		for (int i = 0; i < MAX_LENGTH; i++) {
			if (!in.hasRemaining()) {
				throw new MultiformatException("varint truncated after " + i + " byte(s)");
			}
			int b = in.get() & 0xFF;
			value |= (long) (b & 0x7F) << (7 * i);
			if ((b & 0x80) == 0) {
				if (b == 0 && i > 0) {
					throw new MultiformatException(
							"varint not minimally encoded (" + (i + 1) + " bytes ending in 0x00)");
				}
				return value;
			}
		}
		throw new MultiformatException("varint longer than " + MAX_LENGTH + " bytes");
	}

	/**
	 * Reads one varint if the buffer holds all of it, for framing where more bytes may
	 * follow.
	 * @param in the buffer; advanced past the varint only when one is returned
	 * @return the value, or -1 if the buffer ends inside the varint
	 * @throws MultiformatException if the encoding is longer than {@value #MAX_LENGTH}
	 * bytes or not minimal
	 */
	public static long readIfComplete(ByteBuffer in) throws MultiformatException {
		int start = in.position();
		for (int i = start; i < in.limit() && i - start < MAX_LENGTH; i++) {
			if ((in.get(i) & 0x80) == 0) {
				return read(in);
			}
		}
		if (in.remaining() >= MAX_LENGTH) {
			throw new MultiformatException("varint longer than " + MAX_LENGTH + " bytes");
		}
		return -1;
	}

	/**
	 * Reads a varint that counts something, such as a length, and checks it against a
	 * limit.
	 * @param in the buffer
	 * @param max the largest accepted value
	 * @param what what the value counts, for the exception message
	 * @return the value, between 0 and {@code max}
	 * @throws MultiformatException if the varint is malformed or larger than {@code max}
	 */
	public static int readBounded(ByteBuffer in, int max, String what) throws MultiformatException {
		long value = read(in);
		if (value > max) {
			throw new MultiformatException(what + " " + value + " exceeds the limit of " + max);
		}
		return (int) value;
	}

	/**
	 * Decodes a byte array that holds exactly one varint.
	 * @param bytes the encoding
	 * @return the value
	 * @throws MultiformatException if the bytes are not one valid varint
	 */
	public static long decode(byte[] bytes) throws MultiformatException {
		ByteBuffer in = ByteBuffer.wrap(bytes);
		long value = read(in);
		if (in.hasRemaining()) {
			throw new MultiformatException(in.remaining() + " byte(s) after the varint");
		}
		return value;
	}

	private static void requireNonNegative(long value) {
		if (value < 0) {
			throw new IllegalArgumentException("varints hold 63-bit unsigned values, not " + value);
		}
	}

}
