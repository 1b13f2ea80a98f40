package io.jlibp2p.muxer.mplex;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;

import io.jlibp2p.codec.Uvarints;
import io.jlibp2p.muxer.AbstractMuxedStream;

/**
 * The session's state for one mplex stream. Runs on the connection's event loop only.
 */
final class MplexStream extends AbstractMuxedStream {

	private final MplexSession session;

	private final MplexSession.StreamKey key;

	private final MplexConfig config;

	private long buffered;

	MplexStream(MplexSession session, ChannelHandlerContext ctx, MplexSession.StreamKey key, MplexConfig config) {
		super(ctx);
		this.session = session;
		this.key = key;
		this.config = config;
	}

	MplexSession.StreamKey key() {
		return this.key;
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
		deliver(data);
		return true;
	}

	void onClose() {
		endReceived();
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
	protected void sendEnd() {
		this.ctx.write(header(this.key.initiator() ? MplexFlags.CLOSE_INITIATOR : MplexFlags.CLOSE_RECEIVER, 0));
	}

	@Override
	protected void sendReset() {
		this.ctx.write(header(this.key.initiator() ? MplexFlags.RESET_INITIATOR : MplexFlags.RESET_RECEIVER, 0));
	}

	@Override
	protected void forget() {
		this.session.forget(this);
	}

	@Override
	public void consumed(int bytes) {
		this.buffered -= bytes;
	}

	private ByteBuf header(int flag, int length) {
		ByteBuf header = this.ctx.alloc().buffer(20);
		Uvarints.write((this.key.id() << 3) | flag, header);
		Uvarints.write(length, header);
		return header;
	}

}
