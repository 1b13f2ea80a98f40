package io.jlibp2p.muxer.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;

import io.jlibp2p.muxer.AbstractMuxedStream;
import io.jlibp2p.muxer.StreamChannel;

/**
 * The session's state for one stream: both flow-control windows and the close handshake.
 * Runs on the connection's event loop only.
 */
final class YamuxStream extends AbstractMuxedStream {

	private final YamuxSession session;

	private final int id;

	private final YamuxConfig config;

	/** Bytes we may still send. */
	private long sendWindow = YamuxConfig.INITIAL_WINDOW;

	/** Bytes the peer may still send. */
	private long receiveWindow = YamuxConfig.INITIAL_WINDOW;

	/**
	 * The window granted: the configured one, or the initial one when memory is short.
	 */
	private int window = YamuxConfig.INITIAL_WINDOW;

	/**
	 * What a shrink took off the window and the peer may still use: credit to withhold
	 * before any is returned.
	 */
	private int withheld;

	/** Bytes read by the application and not yet returned to the peer as window. */
	private int unreturnedCredit;

	/** The first frame we send carries SYN (we opened) or ACK (we accepted). */
	private int openingFlag;

	YamuxStream(YamuxSession session, ChannelHandlerContext ctx, int id, YamuxConfig config, int openingFlag) {
		super(ctx);
		this.session = session;
		this.id = id;
		this.config = config;
		this.openingFlag = openingFlag;
	}

	int id() {
		return this.id;
	}

	/**
	 * Sends the opening SYN or ACK with the window beyond the spec's initial 256 KiB, if
	 * memory allows; the spec's initial window is granted in any case.
	 */
	@Override
	public void start() {
		int extra = growWindow();
		this.receiveWindow += extra;
		writeFrame(YamuxFrames.TYPE_WINDOW_UPDATE, 0, extra);
		flush();
	}

	/** A data frame arrived; false if it overran the window the peer was given. */
	boolean onData(ByteBuf data) {
		int length = data.readableBytes();
		if (length > this.receiveWindow) {
			data.release();
			return false;
		}
		this.receiveWindow -= length;
		deliver(data);
		return true;
	}

	void onWindowUpdate(long delta) {
		this.sendWindow += delta;
		StreamChannel open = channel();
		if (open != null && delta > 0) {
			open.writeCreditAvailable();
		}
	}

	void onFin() {
		endReceived();
	}

	@Override
	public int writeCredit() {
		if (!this.ctx.channel().isWritable()) {
			return 0;
		}
		return (int) Math.min(this.sendWindow, Integer.MAX_VALUE);
	}

	@Override
	public void writeData(ByteBuf data) {
		this.sendWindow -= data.readableBytes();
		while (data.isReadable()) {
			ByteBuf chunk = data.readRetainedSlice(Math.min(data.readableBytes(), this.config.maxDataFrame()));
			ByteBuf header = YamuxFrames.header(this.ctx.alloc(), YamuxFrames.TYPE_DATA, takeOpeningFlag(), this.id,
					chunk.readableBytes());
			this.ctx.write(Unpooled.wrappedBuffer(header, chunk));
		}
		data.release();
	}

	@Override
	protected void sendEnd() {
		writeFrame(YamuxFrames.TYPE_WINDOW_UPDATE, YamuxFrames.FLAG_FIN, 0);
	}

	@Override
	protected void sendReset() {
		writeFrame(YamuxFrames.TYPE_WINDOW_UPDATE, YamuxFrames.FLAG_RST, 0);
	}

	@Override
	protected void forget() {
		this.session.forget(this);
	}

	@Override
	public void consumed(int bytes) {
		if (isEndReceived()) {
			return;
		}
		this.unreturnedCredit += bytes;
		// Return credit in batches of half a window, as go and rust do, to keep updates
		// rare.
		if (this.unreturnedCredit < this.window / 2) {
			return;
		}
		int credit = this.unreturnedCredit - withhold(this.unreturnedCredit);
		this.unreturnedCredit = 0;
		credit += growWindow();
		if (credit > 0) {
			this.receiveWindow += credit;
			writeFrame(YamuxFrames.TYPE_WINDOW_UPDATE, 0, credit);
			flush();
		}
	}

	/**
	 * Grows the window to the configured size if the stream's scopes have spare memory
	 * for it (as go-yamux reserves window growth), and not while a shrink is under way.
	 * @return the credit the growth adds
	 */
	private int growWindow() {
		int extra = this.config.receiveWindow() - this.window;
		StreamChannel channel = channel();
		if (extra <= 0 || this.withheld > 0 || channel == null || !channel.resources().tryReserveSpareMemory(extra)) {
			return 0;
		}
		this.window += extra;
		return extra;
	}

	/**
	 * Shrinks a window beyond the spec's initial one back to it when memory is short.
	 * Yamux has no way to take a grant back, so the shrink withholds credit that read
	 * bytes would have returned, and gives the memory back as it does.
	 * @param credit the credit read bytes would return
	 * @return how much of it to withhold
	 */
	private int withhold(int credit) {
		StreamChannel channel = channel();
		if (channel == null) {
			return 0;
		}
		if (this.window > YamuxConfig.INITIAL_WINDOW && channel.resources().isMemoryShort()) {
			this.withheld += this.window - YamuxConfig.INITIAL_WINDOW;
			this.window = YamuxConfig.INITIAL_WINDOW;
		}
		int kept = Math.min(this.withheld, credit);
		this.withheld -= kept;
		channel.resources().releaseMemory(kept);
		return kept;
	}

	private void writeFrame(int type, int flags, long length) {
		this.ctx.write(YamuxFrames.header(this.ctx.alloc(), type, flags | takeOpeningFlag(), this.id, length));
	}

	private int takeOpeningFlag() {
		int flag = this.openingFlag;
		this.openingFlag = 0;
		return flag;
	}

}
