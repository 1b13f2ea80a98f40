package io.jlibp2p.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts the bytes of raw connections into {@link NetworkMetrics}; first in every raw
 * pipeline.
 */
@Sharable
public final class TrafficCounter extends ChannelDuplexHandler {

	private final NetworkMetrics metrics;

	/**
	 * Creates a counter.
	 * @param metrics where to count
	 */
	public TrafficCounter(NetworkMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof ByteBuf buffer) {
			this.metrics.read(buffer.readableBytes());
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof ByteBuf buffer) {
			this.metrics.written(buffer.readableBytes());
		}
		ctx.write(msg, promise);
	}

}
