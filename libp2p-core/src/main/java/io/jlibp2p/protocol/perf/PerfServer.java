package io.jlibp2p.protocol.perf;

import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamFailedEvent;

/**
 * Serves one perf stream: reads the 8-byte download size, discards the upload until the
 * client half-closes, then (not concurrently, as the spec asks) sends the requested bytes
 * and half-closes.
 */
final class PerfServer extends ZeroSendingHandler {

	private static final Logger logger = LoggerFactory.getLogger(PerfServer.class);

	private final long maxServedBytes;

	private final byte[] header = new byte[8];

	private int headerRead;

	PerfServer(long maxServedBytes) {
		this.maxServedBytes = maxServedBytes;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf data = (ByteBuf) msg;
		try {
			int take = Math.min(data.readableBytes(), this.header.length - this.headerRead);
			data.readBytes(this.header, this.headerRead, take);
			this.headerRead += take;
		}
		finally {
			data.release();
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event == ChannelInputShutdownEvent.INSTANCE) {
			if (this.headerRead < this.header.length) {
				((StreamChannel) ctx.channel()).fail(StreamFailedEvent.Cause.MALFORMED,
						"the client half-closed before sending its 8-byte request");
				return;
			}
			long requested = ByteBuffer.wrap(this.header).getLong();
			if (requested < 0 || requested > this.maxServedBytes) {
				((StreamChannel) ctx.channel()).fail(StreamFailedEvent.Cause.LIMIT, "a request of "
						+ Long.toUnsignedString(requested) + " bytes, above the limit of " + this.maxServedBytes);
				return;
			}
			sendZeros(ctx, requested,
					() -> ((StreamChannel) ctx.channel()).shutdownOutput().addListener((shut) -> ctx.close()));
		}
		ctx.fireUserEventTriggered(event);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		logger.debug("perf stream {} failed", ctx.channel(), cause);
		ctx.close();
	}

}
