package io.jlibp2p.protocol.perf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;

/**
 * Writes a number of zero bytes in {@value #BLOCK_SIZE}-byte blocks, only while the
 * channel is writable, so a slow peer holds the sender back instead of filling memory.
 * Call {@link #resume} when the channel becomes writable again.
 */
final class ZeroSender {

	/** Block size, as go and js write. */
	static final int BLOCK_SIZE = 64 * 1024;

	private static final ByteBuf ZEROS = Unpooled
		.unreleasableBuffer(Unpooled.directBuffer(BLOCK_SIZE, BLOCK_SIZE).writeZero(BLOCK_SIZE).asReadOnly());

	private long remaining;

	private final Runnable done;

	private boolean finished;

	ZeroSender(long bytes, Runnable done) {
		this.remaining = bytes;
		this.done = done;
	}

	void resume(ChannelHandlerContext ctx) {
		boolean wrote = false;
		while (this.remaining > 0 && ctx.channel().isWritable()) {
			int length = (int) Math.min(BLOCK_SIZE, this.remaining);
			ctx.write(ZEROS.retainedSlice(0, length));
			this.remaining -= length;
			wrote = true;
		}
		if (wrote) {
			ctx.flush();
		}
		if (this.remaining == 0 && !this.finished) {
			this.finished = true;
			this.done.run();
		}
	}

}
