package io.jlibp2p.muxer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import org.jspecify.annotations.Nullable;

/**
 * What every muxer's stream state shares: the stream channel it feeds, delivery of data
 * and of the peer's end or reset to it, and the close bookkeeping, by which the session
 * forgets the stream once both the channel closed and the peer ended its side (or either
 * side reset). A muxer supplies its frames for ending and resetting. Runs on the
 * connection's event loop only.
 */
public abstract class AbstractMuxedStream implements MuxedStream {

	/** The muxer's context in the connection's pipeline, where frames are written. */
	protected final ChannelHandlerContext ctx;

	private @Nullable StreamChannel channel;

	private boolean endSent;

	private boolean endReceived;

	private boolean channelClosed;

	protected AbstractMuxedStream(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	@Override
	public final void attach(StreamChannel channel) {
		this.channel = channel;
	}

	@Override
	public final @Nullable StreamChannel channel() {
		return this.channel;
	}

	/**
	 * Hands data that arrived to the stream channel, or releases it when there is none.
	 * @param data the data, whose ownership passes here
	 */
	protected final void deliver(ByteBuf data) {
		StreamChannel open = this.channel;
		if (open != null) {
			open.receive(data);
		}
		else {
			data.release();
		}
	}

	/** The peer ended its side of the stream (a FIN, an mplex CLOSE). */
	protected final void endReceived() {
		this.endReceived = true;
		StreamChannel open = this.channel;
		if (open != null) {
			open.receiveFin();
		}
		forgetIfDone();
	}

	/**
	 * Returns whether the peer ended its side.
	 * @return {@code true} after its FIN, CLOSE or reset
	 */
	protected final boolean isEndReceived() {
		return this.endReceived;
	}

	@Override
	public final void onReset() {
		this.endReceived = true;
		this.endSent = true;
		StreamChannel open = this.channel;
		if (open != null) {
			open.receiveReset();
		}
		forget();
	}

	@Override
	public final void writeFin() {
		if (!this.endSent) {
			this.endSent = true;
			sendEnd();
		}
	}

	@Override
	public final void writeReset() {
		this.endSent = true;
		this.endReceived = true;
		sendReset();
		forget();
	}

	@Override
	public final void flush() {
		this.ctx.flush();
	}

	@Override
	public final void report(Object event) {
		this.ctx.fireUserEventTriggered(event);
	}

	@Override
	public final void closed() {
		this.channelClosed = true;
		forgetIfDone();
	}

	private void forgetIfDone() {
		if (this.channelClosed && this.endReceived) {
			forget();
		}
	}

	/** Writes the frame that ends this side of the stream. */
	protected abstract void sendEnd();

	/** Writes the frame that resets the stream. */
	protected abstract void sendReset();

	/** Removes the stream from its session. */
	protected abstract void forget();

}
