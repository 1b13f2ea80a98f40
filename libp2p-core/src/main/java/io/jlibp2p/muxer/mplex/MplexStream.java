package io.jlibp2p.muxer.mplex;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.codec.Uvarints;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.MuxedStream;

/**
 * The session's state for one mplex stream. Runs on the connection's event loop only.
 */
final class MplexStream implements MuxedStream {

	private final MplexSession session;

	private final ChannelHandlerContext ctx;

	private final MplexSession.StreamKey key;

	private final MplexConfig config;

	private @Nullable StreamChannel channel;

	private long buffered;

	private boolean closeSent;

	private boolean closeReceived;

	private boolean channelClosed;

	MplexStream(MplexSession session, ChannelHandlerContext ctx, MplexSession.StreamKey key, MplexConfig config) {
		this.session = session;
		this.ctx = ctx;
		this.key = key;
		this.config = config;
	}

	MplexSession.StreamKey key() {
		return this.key;
	}

	@Override
	public void attach(StreamChannel channel) {
		this.channel = channel;
	}

	@Override
	public @Nullable StreamChannel channel() {
		return this.channel;
	}

	@Override
	public void start() {
		if (this.key.initiator()) {
			writeNewStream();
			flush();
		}
	}

	/** Data arrived; false if the reader fell too far behind. */
	boolean onData(ByteBuf data) {
		this.buffered += data.readableBytes();
		if (this.buffered > this.config.maxBufferedPerStream()) {
			data.release();
			return false;
		}
		if (this.channel != null) {
			this.channel.receive(data);
		}
		else {
			data.release();
		}
		return true;
	}

	void onClose() {
		this.closeReceived = true;
		if (this.channel != null) {
			this.channel.receiveFin();
		}
		forgetIfDone();
	}

	@Override
	public void onReset() {
		this.closeReceived = true;
		this.closeSent = true;
		if (this.channel != null) {
			this.channel.receiveReset();
		}
		this.session.forget(this);
	}

	@Override
	public int writeCredit() {
		return this.ctx.channel().isWritable() ? Integer.MAX_VALUE : 0;
	}

	@Override
	public void writeData(ByteBuf data) {
		while (data.isReadable()) {
			ByteBuf chunk = data.readRetainedSlice(Math.min(data.readableBytes(), this.config.maxMessage()));
			this.ctx.write(Unpooled
				.wrappedBuffer(header(this.key.initiator() ? MplexFlags.MESSAGE_INITIATOR : MplexFlags.MESSAGE_RECEIVER,
						chunk.readableBytes()), chunk));
		}
		data.release();
	}

	private void writeNewStream() {
		byte[] name = Long.toString(this.key.id()).getBytes(StandardCharsets.US_ASCII);
		this.ctx
			.write(Unpooled.wrappedBuffer(header(MplexFlags.NEW_STREAM, name.length), Unpooled.wrappedBuffer(name)));
	}

	@Override
	public void flush() {
		this.ctx.flush();
	}

	@Override
	public void writeFin() {
		if (!this.closeSent) {
			this.closeSent = true;
			this.ctx.write(header(this.key.initiator() ? MplexFlags.CLOSE_INITIATOR : MplexFlags.CLOSE_RECEIVER, 0));
		}
	}

	@Override
	public void writeReset() {
		this.closeSent = true;
		this.closeReceived = true;
		this.ctx.write(header(this.key.initiator() ? MplexFlags.RESET_INITIATOR : MplexFlags.RESET_RECEIVER, 0));
		this.session.forget(this);
	}

	@Override
	public void consumed(int bytes) {
		this.buffered -= bytes;
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
		if (this.channelClosed && this.closeReceived) {
			this.session.forget(this);
		}
	}

	private ByteBuf header(int flag, int length) {
		ByteBuf header = this.ctx.alloc().buffer(20);
		Uvarints.write((this.key.id() << 3) | flag, header);
		Uvarints.write(length, header);
		return header;
	}

}
