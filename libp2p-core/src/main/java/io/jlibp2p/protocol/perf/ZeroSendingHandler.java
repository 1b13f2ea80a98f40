package io.jlibp2p.protocol.perf;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jspecify.annotations.Nullable;

/**
 * A perf stream's side that sends zeros: what it sends goes out while the stream is
 * writable and resumes when it becomes writable again.
 */
abstract class ZeroSendingHandler extends ChannelInboundHandlerAdapter {

	private @Nullable ZeroSender sender;

	/**
	 * Starts sending.
	 * @param ctx the context
	 * @param bytes how many zero bytes
	 * @param done runs once all are written
	 */
	protected final void sendZeros(ChannelHandlerContext ctx, long bytes, Runnable done) {
		ZeroSender started = new ZeroSender(bytes, done);
		this.sender = started;
		started.resume(ctx);
	}

	@Override
	public final void channelWritabilityChanged(ChannelHandlerContext ctx) {
		ZeroSender current = this.sender;
		if (current != null) {
			current.resume(ctx);
		}
		ctx.fireChannelWritabilityChanged();
	}

}
