package io.jlibp2p.codec;

import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

import io.jlibp2p.multiformats.MultiformatException;
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
		ByteBuffer view = in.nioBuffer(in.readerIndex(), Math.min(in.readableBytes(), Varint.MAX_LENGTH));
		int start = view.position();
		try {
			long value = Varint.readIfComplete(view);
			if (value >= 0) {
				in.skipBytes(view.position() - start);
			}
			return value;
		}
		catch (MultiformatException ex) {
			throw new CorruptedFrameException(ex.getMessage(), ex);
		}
	}

	/**
	 * Writes a varint.
	 * @param value a non-negative value
	 * @param out the buffer
	 */
	public static void write(long value, ByteBuf out) {
		int length = Varint.encodedLength(value);
		out.ensureWritable(length);
		Varint.write(value, out.nioBuffer(out.writerIndex(), length));
		out.writerIndex(out.writerIndex() + length);
	}

	/**
	 * Frames a message as length-prefixed protocols (identify, pubsub, kad) send it.
	 * @param message the message
	 * @return a new buffer: the length as a varint, then the message
	 */
	public static ByteBuf frame(byte[] message) {
		ByteBuf frame = Unpooled.buffer(message.length + Varint.encodedLength(message.length));
		write(message.length, frame);
		return frame.writeBytes(message);
	}

	/**
	 * Frames the concatenation of two encoded parts without copying either: for protobuf,
	 * whose fields may come in any order, two messages written one after the other read
	 * as one.
	 * @param first the first part
	 * @param second the second part, which may be shared with other frames
	 * @return a composite: the combined length as a varint, then both parts
	 */
	public static ByteBuf frame(byte[] first, byte[] second) {
		int length = first.length + second.length;
		ByteBuf prefix = Unpooled.buffer(Varint.encodedLength(length));
		write(length, prefix);
		return Unpooled.wrappedBuffer(prefix, Unpooled.wrappedBuffer(first), Unpooled.wrappedBuffer(second));
	}

}
