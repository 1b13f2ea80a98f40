package io.jlibp2p.codec;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import org.jspecify.annotations.Nullable;

/**
 * One timer of a handler, on its channel's event loop: started again replaces the pending
 * one. Not thread-safe: use it from the event loop, as handlers do.
 */
public final class ChannelTimer {

	private @Nullable ScheduledFuture<?> pending;

	/**
	 * Runs an action after a delay, unless cancelled or started again first.
	 * @param ctx the handler's context, whose event loop runs the action
	 * @param delay the delay
	 * @param action the action
	 */
	public void start(ChannelHandlerContext ctx, Duration delay, Runnable action) {
		cancel();
		this.pending = ctx.executor().schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	/** Cancels the pending action, if any. */
	public void cancel() {
		ScheduledFuture<?> task = this.pending;
		if (task != null) {
			task.cancel(false);
			this.pending = null;
		}
	}

}
