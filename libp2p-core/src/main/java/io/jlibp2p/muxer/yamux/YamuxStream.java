package io.jlibp2p.muxer.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.MuxedStream;

/**
 * The session's state for one stream: both flow-control windows and the close handshake.
 * Runs on the connection's event loop only.
 */
final class YamuxStream implements MuxedStream {

	private final YamuxSession session;

	private final ChannelHandlerContext ctx;

	private final int id;

	private final YamuxConfig config;

	private @Nullable StreamChannel channel;

	/** Bytes we may still send. */
	private long sendWindow = YamuxConfig.INITIAL_WINDOW;

	/** Bytes the peer may still send. */
	private long receiveWindow = YamuxConfig.INITIAL_WINDOW;

	/** Bytes read by the application and not yet returned to the peer as window. */
	private int unreturnedCredit;

	/** The first frame we send carries SYN (we opened) or ACK (we accepted). */
	private int openingFlag;

	private boolean finSent;

	private boolean finReceived;

	private boolean channelClosed;

	YamuxStream(YamuxSession session, ChannelHandlerContext ctx, int id, YamuxConfig config, int openingFlag) {
		this.session = session;
		this.ctx = ctx;
		this.id = id;
		this.config = config;
		this.openingFlag = openingFlag;
	}

	int id() {
		return this.id;
	}

	@Override
	public void attach(StreamChannel channel) {
		this.channel = channel;
	}

	@Override
	public @Nullable StreamChannel channel() {
		return this.channel;
	}

	/** Sends the opening SYN or ACK with the window beyond the spec's initial 256 KiB. */
	@Override
	public void start() {
		int extra = this.config.receiveWindow() - YamuxConfig.INITIAL_WINDOW;
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
		if (this.channel != null) {
			this.channel.receive(data);
		}
		else {
			data.release();
		}
		return true;
	}

	void onWindowUpdate(long delta) {
		this.sendWindow += delta;
		if (this.channel != null && delta > 0) {
			this.channel.writeCreditAvailable();
		}
	}

	void onFin() {
		this.finReceived = true;
		if (this.channel != null) {
			this.channel.receiveFin();
		}
		forgetIfDone();
	}

	@Override
	public void onReset() {
		this.finReceived = true;
		this.finSent = true;
		if (this.channel != null) {
			this.channel.receiveReset();
		}
		this.session.forget(this);
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
	public void flush() {
		this.ctx.flush();
	}

	@Override
	public void writeFin() {
		if (!this.finSent) {
			this.finSent = true;
			writeFrame(YamuxFrames.TYPE_WINDOW_UPDATE, YamuxFrames.FLAG_FIN, 0);
		}
	}

	@Override
	public void writeReset() {
		this.finSent = true;
		this.finReceived = true;
		writeFrame(YamuxFrames.TYPE_WINDOW_UPDATE, YamuxFrames.FLAG_RST, 0);
		this.session.forget(this);
	}

	@Override
	public void consumed(int bytes) {
		if (this.finReceived) {
			return;
		}
		this.unreturnedCredit += bytes;
		// Return credit in batches of half a window, as go and rust do, to keep updates
		// rare.
		if (this.unreturnedCredit >= this.config.receiveWindow() / 2) {
			this.receiveWindow += this.unreturnedCredit;
			writeFrame(YamuxFrames.TYPE_WINDOW_UPDATE, 0, this.unreturnedCredit);
			this.unreturnedCredit = 0;
			flush();
		}
	}

	@Override
	public void report(Object event) {
		this.ctx.fireUserEventTriggered(event);
	}

	@Override
	public void closed() {
		this.channelClosed = true;
		forgetIfDone();
	}

	private void forgetIfDone() {
		if (this.channelClosed && this.finReceived) {
			this.session.forget(this);
		}
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
