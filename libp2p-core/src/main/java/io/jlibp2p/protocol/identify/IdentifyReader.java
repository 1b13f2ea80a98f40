package io.jlibp2p.protocol.identify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.ReadTimeoutException;

import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamFailedEvent;

/**
 * Collects the length-prefixed identify messages of one stream until the peer half-closes
 * it, then decodes and merges them. Sits behind a
 * {@link io.jlibp2p.codec.UvarintFrameDecoder} limited to
 * {@value IdentifyMessages#MAX_MESSAGE_LENGTH} bytes and a read timeout.
 */
final class IdentifyReader extends ChannelInboundHandlerAdapter {

	private final CompletableFuture<IdentifyInfo> result;

	private final List<byte[]> messages = new ArrayList<>();

	IdentifyReader(CompletableFuture<IdentifyInfo> result) {
		this.result = result;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		try {
			if (this.messages.size() == IdentifyMessages.MAX_MESSAGES) {
				fail(ctx, StreamFailedEvent.Cause.LIMIT, new IdentifyException(
						"peer sent more than " + IdentifyMessages.MAX_MESSAGES + " identify messages"));
				return;
			}
			this.messages.add(ByteBufUtil.getBytes(frame));
		}
		finally {
			frame.release();
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event == ChannelInputShutdownEvent.INSTANCE) {
			complete(ctx);
		}
		ctx.fireUserEventTriggered(event);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		// go closes instead of half-closing: what arrived before the close counts.
		complete(ctx);
		ctx.fireChannelInactive();
	}

	private void complete(ChannelHandlerContext ctx) {
		if (this.result.isDone()) {
			return;
		}
		if (this.messages.isEmpty()) {
			fail(ctx, StreamFailedEvent.Cause.MALFORMED,
					new IdentifyException("the stream ended without an identify message"));
			return;
		}
		try {
			this.result.complete(IdentifyMessages.decode(this.messages));
			ctx.close();
		}
		catch (IdentifyException ex) {
			fail(ctx, StreamFailedEvent.Cause.MALFORMED, ex);
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof ReadTimeoutException) {
			fail(ctx, StreamFailedEvent.Cause.TIMEOUT, new IdentifyException("identify timed out"));
		}
		else {
			fail(ctx, StreamFailedEvent.Cause.MALFORMED,
					new IdentifyException("identify stream failed: " + cause.getMessage(), cause));
		}
	}

	private void fail(ChannelHandlerContext ctx, StreamFailedEvent.Cause reason, IdentifyException cause) {
		this.result.completeExceptionally(cause);
		((StreamChannel) ctx.channel()).fail(reason, cause.getMessage());
	}

}
