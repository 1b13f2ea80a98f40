package io.jlibp2p.testing;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * Records what a stream reads (the first 64 KiB of it) and whether the peer half-closed.
 * Release it when done.
 */
public final class Recorder extends ChannelInboundHandlerAdapter {

	private final ByteBuf received = Unpooled.buffer();

	private long bytes;

	private boolean inputShutdown;

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf data = (ByteBuf) msg;
		this.bytes += data.readableBytes();
		this.received.writeBytes(data,
				Math.min(data.readableBytes(), Math.max(0, 65536 - this.received.readableBytes())));
		data.release();
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event == ChannelInputShutdownEvent.INSTANCE) {
			this.inputShutdown = true;
		}
		ctx.fireUserEventTriggered(event);
	}

	public String text() {
		return this.received.toString(StandardCharsets.US_ASCII);
	}

	public long bytes() {
		return this.bytes;
	}

	public byte[] received() {
		return ByteBufUtil.getBytes(this.received);
	}

	public boolean inputShutdown() {
		return this.inputShutdown;
	}

	public void release() {
		this.received.release();
	}

}
