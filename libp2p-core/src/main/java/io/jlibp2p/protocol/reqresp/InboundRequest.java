package io.jlibp2p.protocol.reqresp;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.TooLongFrameException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.codec.Uvarints;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamFailedEvent;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.reqresp.RequestResponseMetrics.Outcome;

/**
 * The answering side of one stream, after the length-prefix decoder: reads the one
 * request, hands it to the handler, writes the response and closes. One timer covers the
 * whole exchange; anything else (a second request, a handler failure, an oversized
 * response) resets the stream. Reports the outcome once.
 */
final class InboundRequest extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(InboundRequest.class);

	private final PeerId peer;

	private final RequestHandler handler;

	private final RequestResponseConfig config;

	private final Consumer<Outcome> outcome;

	private @Nullable ScheduledFuture<?> timer;

	private boolean received;

	private boolean finished;

	InboundRequest(PeerId peer, RequestHandler handler, RequestResponseConfig config, Consumer<Outcome> outcome) {
		this.peer = peer;
		this.handler = handler;
		this.config = config;
		this.outcome = outcome;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.timer = ctx.executor()
			.schedule(
					() -> fail(ctx, Outcome.TIMEOUT, StreamFailedEvent.Cause.TIMEOUT,
							"no request and response within " + this.config.timeout()),
					this.config.timeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		byte[] request;
		try {
			request = ByteBufUtil.getBytes(frame);
		}
		finally {
			frame.release();
		}
		if (this.received) {
			fail(ctx, Outcome.REMOTE_FAILURE, StreamFailedEvent.Cause.MALFORMED, "a second request on one stream");
			return;
		}
		this.received = true;
		CompletionStage<byte[]> response;
		try {
			response = this.handler.handle(this.peer, request);
		}
		catch (RuntimeException ex) {
			handlerFailed(ctx, ex);
			return;
		}
		response.whenComplete((bytes, failure) -> ctx.executor().execute(() -> {
			if (failure != null) {
				handlerFailed(ctx, (failure instanceof CompletionException) ? failure.getCause() : failure);
			}
			else {
				respond(ctx, bytes);
			}
		}));
	}

	private void respond(ChannelHandlerContext ctx, byte[] response) {
		if (this.finished) {
			return;
		}
		if (response.length > this.config.maxResponseSize()) {
			fail(ctx, Outcome.RESPONSE_TOO_LARGE, StreamFailedEvent.Cause.LIMIT, "a response of " + response.length
					+ " bytes exceeds the limit of " + this.config.maxResponseSize());
			return;
		}
		finish(Outcome.SUCCESS);
		StreamChannel stream = (StreamChannel) ctx.channel();
		stream.writeAndFlush(Uvarints.frame(response));
		stream.shutdownOutput();
	}

	private void handlerFailed(ChannelHandlerContext ctx, @Nullable Throwable failure) {
		boolean unreadable = failure instanceof UnreadableRequestException;
		logger.debug("request handler failed on {}", ctx.channel(), failure);
		fail(ctx, unreadable ? Outcome.UNREADABLE : Outcome.HANDLER_FAILURE, StreamFailedEvent.Cause.MALFORMED,
				unreadable ? "unreadable request" : "the handler failed");
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event == ChannelInputShutdownEvent.INSTANCE && !this.received) {
			fail(ctx, Outcome.REMOTE_FAILURE, StreamFailedEvent.Cause.MALFORMED, "closed before a whole request");
		}
		ctx.fireUserEventTriggered(event);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof TooLongFrameException) {
			fail(ctx, Outcome.REQUEST_TOO_LARGE, StreamFailedEvent.Cause.LIMIT, cause.getMessage());
		}
		else {
			fail(ctx, Outcome.REMOTE_FAILURE, StreamFailedEvent.Cause.MALFORMED, String.valueOf(cause.getMessage()));
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		if (!this.finished) {
			finish(Outcome.REMOTE_FAILURE);
		}
		ctx.fireChannelInactive();
	}

	private void fail(ChannelHandlerContext ctx, Outcome outcome, StreamFailedEvent.Cause cause, String detail) {
		if (!this.finished) {
			finish(outcome);
			((StreamChannel) ctx.channel()).fail(cause, detail);
		}
	}

	private void finish(Outcome outcome) {
		this.finished = true;
		if (this.timer != null) {
			this.timer.cancel(false);
		}
		this.outcome.accept(outcome);
	}

}
