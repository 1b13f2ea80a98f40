package io.jlibp2p.muxer.mplex;

import java.util.List;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.codec.Uvarints;
import io.jlibp2p.muxer.MuxerSession;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.resources.ConnectionScope;

/**
 * An mplex session: frames are {@code uvarint(id << 3 | flag) ‖ uvarint(length) ‖ data},
 * and a stream is named by its id together with which side opened it. There is no flow
 * control: writes stop only while the connection is not writable, and a stream whose
 * reader falls more than {@link MplexConfig#maxBufferedPerStream()} behind is reset.
 * Frames above the message limit, an unknown flag or a duplicate stream close the
 * connection. Not sharable.
 */
public final class MplexSession extends MuxerSession<MplexSession.StreamKey, MplexStream> {

	/** The protocol id negotiated with multistream-select. */
	public static final String PROTOCOL_ID = "/mplex/6.7.0";

	private static final Logger logger = LoggerFactory.getLogger(MplexSession.class);

	private final MplexConfig config;

	private long nextStreamId;

	/**
	 * Names a stream: its id and whether this side opened it.
	 *
	 * @param id the stream id
	 * @param initiator whether this side opened the stream
	 */
	public record StreamKey(long id, boolean initiator) {
	}

	/**
	 * Creates a session.
	 * @param config the limits
	 * @param inboundStreams receives each stream the peer opens, before it is registered
	 * @param resources the connection's resource scope
	 */
	public MplexSession(MplexConfig config, Consumer<StreamChannel> inboundStreams, ConnectionScope resources) {
		super("mplex", config.maxStreams(), inboundStreams, resources);
		this.config = config;
	}

	@Override
	public String protocolId() {
		return PROTOCOL_ID;
	}

	@Override
	protected StreamKey key(MplexStream stream) {
		return stream.key();
	}

	@Override
	protected MplexStream newOutboundStream(ChannelHandlerContext ctx) {
		return new MplexStream(this, ctx, new StreamKey(this.nextStreamId++, true), this.config);
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		while (!failed() && in.isReadable()) {
			int start = in.readerIndex();
			long header;
			int length;
			try {
				header = Uvarints.readValue(in);
				length = (header < 0) ? -1 : Uvarints.readLength(in, this.config.maxMessage());
			}
			catch (DecoderException ex) {
				protocolError(ctx, "malformed mplex frame: " + ex.getMessage());
				return;
			}
			if (length < 0 || in.readableBytes() < length) {
				in.readerIndex(start);
				return;
			}
			onFrame(ctx, header >>> 3, (int) (header & 7), in.readRetainedSlice(length));
		}
	}

	private void onFrame(ChannelHandlerContext ctx, long id, int flag, ByteBuf data) {
		if (flag == MplexFlags.NEW_STREAM) {
			data.release();
			StreamKey key = new StreamKey(id, false);
			if (stream(key) != null) {
				protocolError(ctx, "peer opened stream " + id + " twice");
				return;
			}
			acceptStream(ctx, new MplexStream(this, ctx, key, this.config));
			return;
		}
		if (flag > MplexFlags.RESET_INITIATOR) {
			data.release();
			protocolError(ctx, "unknown mplex flag " + flag);
			return;
		}
		// Even flags come from the opener, odd ones from the other side: a frame with an
		// odd flag
		// is about a stream this side opened.
		MplexStream stream = stream(new StreamKey(id, flag % 2 == 1));
		if (stream == null) {
			data.release();
			return;
		}
		switch (flag) {
			case MplexFlags.MESSAGE_RECEIVER, MplexFlags.MESSAGE_INITIATOR -> {
				if (!stream.onData(data)) {
					logger.debug("resetting mplex stream {} on {}: its reader fell behind", id, ctx.channel());
					if (!mayWriteControl(ctx)) {
						return;
					}
					stream.writeReset();
					StreamChannel channel = stream.channel();
					if (channel != null) {
						channel.receiveReset();
					}
				}
			}
			case MplexFlags.CLOSE_RECEIVER, MplexFlags.CLOSE_INITIATOR -> {
				data.release();
				stream.onClose();
			}
			default -> {
				data.release();
				stream.onReset();
			}
		}
	}

}
