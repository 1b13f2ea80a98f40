package io.jlibp2p.transport;

import java.io.IOException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.muxer.StreamFailedEvent;
import io.jlibp2p.muxer.StreamRefusedEvent;

/**
 * The last handler of every raw connection: an exception no layer above handled closes
 * the connection with a reason instead of reaching the end of the pipeline (a reset by
 * the peer is the network's doing, {@code REMOTE}; anything else is a protocol error),
 * and streams the muxer refused or a protocol gave up on are counted.
 */
final class ConnectionErrorHandler extends ChannelInboundHandlerAdapter {

	static final String NAME = "jlibp2p-connection-errors";

	private static final Logger logger = LoggerFactory.getLogger(ConnectionErrorHandler.class);

	private final NetworkMetrics metrics;

	ConnectionErrorHandler(NetworkMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event == StreamRefusedEvent.INSTANCE) {
			this.metrics.streamRefused();
			return;
		}
		if (event instanceof StreamFailedEvent failed) {
			this.metrics.streamFailed(failed);
			return;
		}
		super.userEventTriggered(ctx, event);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		logger.debug("closing {} after {}", ctx.channel(), cause.toString());
		if (cause instanceof IOException) {
			CloseReason.close(ctx.channel(), CloseReason.Cause.REMOTE, "network error: " + cause.getMessage());
		}
		else {
			CloseReason.close(ctx.channel(), CloseReason.Cause.PROTOCOL_ERROR, "unhandled: " + cause);
		}
	}

}
