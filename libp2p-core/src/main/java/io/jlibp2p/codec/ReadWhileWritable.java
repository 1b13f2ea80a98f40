package io.jlibp2p.codec;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stops reading a channel whose writes back up, and reads again once they drained: a
 * protocol that answers each request (ping echoes, DHT answers) then queues no more
 * answers than the channel's high water mark for a peer that sends requests but never
 * reads the answers. On a stream, not reading also stops returning yamux window, so the
 * peer has to stop sending.
 */
@Sharable
public final class ReadWhileWritable extends ChannelInboundHandlerAdapter {

	/** The handler; it keeps no state. */
	public static final ReadWhileWritable INSTANCE = new ReadWhileWritable();

	private ReadWhileWritable() {
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		ctx.fireChannelReadComplete();
		if (!ctx.channel().isWritable()) {
			ctx.channel().config().setAutoRead(false);
		}
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		if (ctx.channel().isWritable()) {
			ctx.channel().config().setAutoRead(true);
		}
		ctx.fireChannelWritabilityChanged();
	}

}
