package io.jlibp2p.codec;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Splits a byte stream into {@code uvarint(length) ‖ bytes} frames and emits each frame's
 * bytes as a retained slice (no copy; the next handler releases it). A length beyond the
 * limit is rejected before its bytes arrive, with a
 * {@link io.netty.handler.codec.TooLongFrameException}. Not sharable: it buffers partial
 * frames.
 */
public class UvarintFrameDecoder extends ByteToMessageDecoder {

	private final int maxFrameLength;

	/**
	 * Creates a decoder.
	 * @param maxFrameLength the largest accepted frame, in bytes
	 */
	public UvarintFrameDecoder(int maxFrameLength) {
		if (maxFrameLength < 0) {
			throw new IllegalArgumentException("maxFrameLength must not be negative: " + maxFrameLength);
		}
		this.maxFrameLength = maxFrameLength;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		int start = in.readerIndex();
		int length = Uvarints.readLength(in, this.maxFrameLength);
		if (length < 0) {
			return;
		}
		if (in.readableBytes() < length) {
			in.readerIndex(start);
			return;
		}
		out.add(in.readRetainedSlice(length));
	}

}
