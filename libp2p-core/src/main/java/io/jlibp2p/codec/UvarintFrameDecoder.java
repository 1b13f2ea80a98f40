package io.jlibp2p.codec;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamFailedEvent;
import io.jlibp2p.resources.ResourceLimitException;

/**
 * Splits a byte stream into {@code uvarint(length) ‖ bytes} frames and emits each frame's
 * bytes as a retained slice (no copy; the next handler releases it). A length beyond the
 * limit is rejected before its bytes arrive, with a
 * {@link io.netty.handler.codec.TooLongFrameException}. On a stream, a frame that has to
 * wait for more bytes reserves its length from the stream's resource scope first; when
 * the scope has no room the stream fails with {@link StreamFailedEvent.Cause#LIMIT}, so
 * peers cannot make the node buffer large partial frames on many streams. Not sharable:
 * it buffers partial frames.
 */
public class UvarintFrameDecoder extends ByteToMessageDecoder {

	private final int maxFrameLength;

	/** Bytes reserved for the partial frame being received. */
	private long reserved;

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
			if (!reserve(ctx, length)) {
				in.skipBytes(in.readableBytes());
			}
			return;
		}
		release(ctx);
		out.add(in.readRetainedSlice(length));
	}

	private boolean reserve(ChannelHandlerContext ctx, int length) {
		if (length <= this.reserved || !(ctx.channel() instanceof StreamChannel stream)) {
			return true;
		}
		try {
			stream.resources().reserveMemory(length - this.reserved);
			this.reserved = length;
			return true;
		}
		catch (ResourceLimitException ex) {
			stream.fail(StreamFailedEvent.Cause.LIMIT,
					"no memory for a frame of " + length + " bytes: " + ex.getMessage());
			return false;
		}
	}

	private void release(ChannelHandlerContext ctx) {
		if (this.reserved > 0 && ctx.channel() instanceof StreamChannel stream) {
			stream.resources().releaseMemory(this.reserved);
		}
		this.reserved = 0;
	}

	@Override
	protected void handlerRemoved0(ChannelHandlerContext ctx) {
		release(ctx);
	}

}
