package io.jlibp2p.codec;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

import io.jlibp2p.multiformats.Varint;

/**
 * Unsigned varints on Netty buffers, with the strictness of {@link Varint}: minimal, at
 * most {@value Varint#MAX_LENGTH} bytes.
 */
public final class Uvarints {

	private Uvarints() {
	}

	/**
	 * Reads a varint length prefix if the buffer holds all of it.
	 * @param in the buffer; on success its reader index moves past the varint, otherwise
	 * it is left untouched
	 * @param maxLength the largest accepted length
	 * @return the length, or -1 if the varint is not complete yet
	 * @throws CorruptedFrameException if the varint is not minimal or too long
	 * @throws TooLongFrameException if the length exceeds {@code maxLength}
	 */
	public static int readLength(ByteBuf in, int maxLength) {
		long value = readValue(in);
		if (value > maxLength) {
			throw new TooLongFrameException("frame of " + value + " bytes exceeds the limit of " + maxLength);
		}
		return (int) value;
	}

	/**
	 * Reads a varint value (such as an mplex header) if the buffer holds all of it.
	 * @param in the buffer; on success its reader index moves past the varint, otherwise
	 * it is left untouched
	 * @return the value, or -1 if the varint is not complete yet
	 * @throws CorruptedFrameException if the varint is not minimal or too long
	 */
	public static long readValue(ByteBuf in) {
		int start = in.readerIndex();
		long value = 0;
		for (int i = 0; i < Varint.MAX_LENGTH; i++) {
			if (!in.isReadable()) {
				in.readerIndex(start);
				return -1;
			}
			int b = in.readUnsignedByte();
			value |= (long) (b & 0x7F) << (7 * i);
			if ((b & 0x80) == 0) {
				if (b == 0 && i > 0) {
					throw new CorruptedFrameException("varint not minimally encoded");
				}
				return value;
			}
		}
		throw new CorruptedFrameException("varint longer than " + Varint.MAX_LENGTH + " bytes");
	}

	/**
	 * Writes a varint.
	 * @param value a non-negative value
	 * @param out the buffer
	 */
	public static void write(long value, ByteBuf out) {
		if (value < 0) {
			throw new IllegalArgumentException("varints hold 63-bit unsigned values, not " + value);
		}
		while ((value & ~0x7FL) != 0) {
			out.writeByte((int) ((value & 0x7F) | 0x80));
			value >>>= 7;
		}
		out.writeByte((int) value);
	}

}
