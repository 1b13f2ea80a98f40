package io.jlibp2p.codec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.jspecify.annotations.Nullable;

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
 * peers cannot make the node buffer large partial frames on many streams, and with a
 * partial-frame timeout not for long either. Not sharable: it buffers partial frames.
 */
public class UvarintFrameDecoder extends ByteToMessageDecoder {

	private final int maxFrameLength;

	private final @Nullable Duration partialFrameTimeout;

	/** Bytes reserved for the partial frame being received. */
	private long reserved;

	private @Nullable ScheduledFuture<?> partialFrameTimer;

	/**
	 * Creates a decoder.
	 * @param maxFrameLength the largest accepted frame, in bytes
	 */
	public UvarintFrameDecoder(int maxFrameLength) {
		this(maxFrameLength, null);
	}

	/**
	 * Creates a decoder that gives a partial frame only so long to complete.
	 * @param maxFrameLength the largest accepted frame, in bytes
	 * @param partialFrameTimeout how long a frame may stay incomplete before the stream
	 * fails with {@link StreamFailedEvent.Cause#TIMEOUT}, {@code null} for ever
	 */
	public UvarintFrameDecoder(int maxFrameLength, @Nullable Duration partialFrameTimeout) {
		if (maxFrameLength < 0) {
			throw new IllegalArgumentException("maxFrameLength must not be negative: " + maxFrameLength);
		}
		this.maxFrameLength = maxFrameLength;
		this.partialFrameTimeout = partialFrameTimeout;
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
			else if (this.partialFrameTimeout != null && this.partialFrameTimer == null) {
				this.partialFrameTimer = ctx.executor()
					.schedule(() -> partialFrameTimedOut(ctx, length), this.partialFrameTimeout.toMillis(),
							TimeUnit.MILLISECONDS);
			}
			return;
		}
		release(ctx);
		out.add(in.readRetainedSlice(length));
	}

	private void partialFrameTimedOut(ChannelHandlerContext ctx, int length) {
		String detail = "a frame of " + length + " bytes incomplete after " + this.partialFrameTimeout;
		if (ctx.channel() instanceof StreamChannel stream) {
			stream.fail(StreamFailedEvent.Cause.TIMEOUT, detail);
		}
		else {
			ctx.close();
		}
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
		if (this.partialFrameTimer != null) {
			this.partialFrameTimer.cancel(false);
			this.partialFrameTimer = null;
		}
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
