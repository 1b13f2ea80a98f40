package io.jlibp2p.protocol.reqresp;

import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.TooLongFrameException;

import io.jlibp2p.protocol.reqresp.RequestResponseException.Reason;

/**
 * The asking side of one stream, after the length-prefix decoder: the first frame is the
 * response; a stream that ends or breaks before it is the peer's failure.
 */
final class OutboundRequest extends ChannelInboundHandlerAdapter {

	private final CompletableFuture<byte[]> response;

	OutboundRequest(CompletableFuture<byte[]> response) {
		this.response = response;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		try {
			this.response.complete(ByteBufUtil.getBytes(frame));
		}
		finally {
			frame.release();
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event == ChannelInputShutdownEvent.INSTANCE) {
			noResponse("the peer closed the stream without a response");
		}
		ctx.fireUserEventTriggered(event);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof TooLongFrameException) {
			this.response.completeExceptionally(
					new RequestResponseException(Reason.RESPONSE_TOO_LARGE, String.valueOf(cause.getMessage()), cause));
		}
		else {
			noResponse("the response could not be read: " + cause.getMessage());
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		noResponse("the peer reset the stream without a response");
		ctx.fireChannelInactive();
	}

	private void noResponse(String detail) {
		this.response.completeExceptionally(new RequestResponseException(Reason.REMOTE_FAILURE, detail));
	}

}
