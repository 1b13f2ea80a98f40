package io.jlibp2p.codec;

import java.time.Duration;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-shot exchange at the start of a connection or stream, such as multistream-select
 * or the Noise handshake: it starts once the channel is active, must finish within a
 * timeout, and then either succeeds (the subclass replaces it in the pipeline) or fails
 * once, which tells the subclass's listener and closes the channel. A channel that closes
 * first fails it.
 *
 * @param <E> the exception a failure is reported with
 */
public abstract class HandshakeDecoder<E extends RuntimeException> extends ByteToMessageDecoder {

	private static final Logger logger = LoggerFactory.getLogger(HandshakeDecoder.class);

	private final Duration timeout;

	private boolean started;

	private boolean finished;

	private final ChannelTimer timer = new ChannelTimer();

	protected HandshakeDecoder(Duration timeout) {
		this.timeout = timeout;
	}

	@Override
	public final void handlerAdded(ChannelHandlerContext ctx) {
		if (ctx.channel().isActive()) {
			start(ctx);
		}
	}

	@Override
	public final void channelActive(ChannelHandlerContext ctx) throws Exception {
		start(ctx);
		super.channelActive(ctx);
	}

	private void start(ChannelHandlerContext ctx) {
		if (this.started) {
			return;
		}
		this.started = true;
		this.timer.start(ctx, this.timeout, () -> fail(ctx, timedOut(this.timeout)));
		started(ctx);
	}

	/**
	 * Returns whether the exchange succeeded or failed.
	 * @return {@code true} once it is over
	 */
	protected final boolean isFinished() {
		return this.finished;
	}

	/**
	 * Ends the exchange successfully; the caller then hands on and removes this handler.
	 */
	protected final void succeeded() {
		this.finished = true;
		this.timer.cancel();
	}

	/**
	 * Ends the exchange with a failure, unless it is over already: the listener hears of
	 * it and the channel closes.
	 * @param ctx the context
	 * @param cause what went wrong
	 */
	protected final void fail(ChannelHandlerContext ctx, E cause) {
		if (this.finished) {
			return;
		}
		this.finished = true;
		this.timer.cancel();
		logger.debug("{} on {} failed: {}", getClass().getSimpleName(), ctx.channel(), cause.getMessage());
		try {
			failed(ctx, cause);
		}
		finally {
			ctx.close();
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		fail(ctx, closedEarly());
		super.channelInactive(ctx);
	}

	@Override
	protected final void handlerRemoved0(ChannelHandlerContext ctx) {
		this.timer.cancel();
	}

	/**
	 * Writes what this side sends first, once the channel is active.
	 * @param ctx the context
	 */
	protected abstract void started(ChannelHandlerContext ctx);

	/**
	 * Creates the exception for an exchange that took too long.
	 * @param timeout the timeout it exceeded
	 * @return the exception
	 */
	protected abstract E timedOut(Duration timeout);

	/**
	 * Creates the exception for a channel that closed before the exchange was over.
	 * @return the exception
	 */
	protected abstract E closedEarly();

	/**
	 * Tells the listener of a failure; the channel closes right after.
	 * @param ctx the context
	 * @param cause what went wrong
	 */
	protected abstract void failed(ChannelHandlerContext ctx, E cause);

}
