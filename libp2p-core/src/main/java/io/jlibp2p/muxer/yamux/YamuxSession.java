package io.jlibp2p.muxer.yamux;

import java.util.List;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.muxer.MuxerSession;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.resources.ConnectionScope;

/**
 * A yamux session on a secured connection: decodes frames, keeps one {@link YamuxStream}
 * per stream, creates a {@link StreamChannel} for every stream the peer opens or this
 * side opens, and answers pings.
 *
 * <p>
 * The client (dialer) opens odd stream ids, the server even ones. A frame with another
 * version, an unknown type, a data frame beyond the stream's window, or a SYN for a
 * stream in use is a protocol error: the session sends GoAway(protocol error) and closes
 * the connection. Inbound streams beyond {@link YamuxConfig#maxStreams()} are reset;
 * outbound streams fail while too many are unacknowledged or after the peer's GoAway.
 * Flow control reaches the writers: a stream writes only within its window and while the
 * connection is writable. Not sharable.
 */
public final class YamuxSession extends MuxerSession<Integer, YamuxStream> {

	/** The protocol id negotiated with multistream-select. */
	public static final String PROTOCOL_ID = "/yamux/1.0.0";

	private static final Logger logger = LoggerFactory.getLogger(YamuxSession.class);

	private final boolean client;

	private final YamuxConfig config;

	private int nextStreamId;

	private int unacknowledgedOutbound;

	private boolean remoteGoAway;

	/**
	 * Creates a session.
	 * @param client whether this side dialed the connection
	 * @param config the limits
	 * @param inboundStreams receives each stream the peer opens, before it is registered,
	 * to add its handlers
	 * @param resources the connection's resource scope
	 */
	public YamuxSession(boolean client, YamuxConfig config, Consumer<StreamChannel> inboundStreams,
			ConnectionScope resources) {
		super("yamux", config.maxStreams(), inboundStreams, resources);
		this.client = client;
		this.config = config;
		this.nextStreamId = client ? 1 : 2;
	}

	@Override
	public String protocolId() {
		return PROTOCOL_ID;
	}

	@Override
	protected Integer key(YamuxStream stream) {
		return stream.id();
	}

	@Override
	protected @Nullable String outboundRefusal() {
		if (this.remoteGoAway) {
			return "the peer sent GoAway and accepts no new streams";
		}
		if (this.unacknowledgedOutbound >= this.config.maxUnacknowledgedOutbound()) {
			return this.unacknowledgedOutbound + " outbound streams are not acknowledged yet; try again later";
		}
		return null;
	}

	@Override
	protected YamuxStream newOutboundStream(ChannelHandlerContext ctx) {
		int id = this.nextStreamId;
		this.nextStreamId += 2;
		this.unacknowledgedOutbound++;
		return new YamuxStream(this, ctx, id, this.config, YamuxFrames.FLAG_SYN);
	}

	@Override
	protected void beforeProtocolErrorClose(ChannelHandlerContext ctx) {
		ctx.writeAndFlush(
				YamuxFrames.header(ctx.alloc(), YamuxFrames.TYPE_GO_AWAY, 0, 0, YamuxFrames.GO_AWAY_PROTOCOL_ERROR));
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		while (!failed() && in.readableBytes() >= YamuxFrames.HEADER_LENGTH) {
			int start = in.readerIndex();
			int version = in.getUnsignedByte(start);
			int type = in.getUnsignedByte(start + 1);
			int flags = in.getUnsignedShort(start + 2);
			int streamId = in.getInt(start + 4);
			long length = in.getUnsignedInt(start + 8);
			if (version != YamuxFrames.VERSION) {
				protocolError(ctx, "unsupported yamux version " + version);
				return;
			}
			if (type == YamuxFrames.TYPE_DATA) {
				if (length > this.config.receiveWindow()) {
					protocolError(ctx, "data frame of " + length + " bytes exceeds any window we grant");
					return;
				}
				if (in.readableBytes() < YamuxFrames.HEADER_LENGTH + length) {
					return;
				}
				in.skipBytes(YamuxFrames.HEADER_LENGTH);
				onStreamFrame(ctx, streamId, flags, in.readRetainedSlice((int) length), 0);
			}
			else if (type == YamuxFrames.TYPE_WINDOW_UPDATE) {
				in.skipBytes(YamuxFrames.HEADER_LENGTH);
				onStreamFrame(ctx, streamId, flags, null, length);
			}
			else if (type == YamuxFrames.TYPE_PING) {
				in.skipBytes(YamuxFrames.HEADER_LENGTH);
				if ((flags & YamuxFrames.FLAG_SYN) != 0 && mayWriteControl(ctx)) {
					ctx.write(YamuxFrames.header(ctx.alloc(), YamuxFrames.TYPE_PING, YamuxFrames.FLAG_ACK, 0, length));
				}
			}
			else if (type == YamuxFrames.TYPE_GO_AWAY) {
				in.skipBytes(YamuxFrames.HEADER_LENGTH);
				this.remoteGoAway = true;
				logger.debug("peer on {} sent GoAway with code {}", ctx.channel(), length);
			}
			else {
				protocolError(ctx, "unknown yamux frame type " + type);
				return;
			}
		}
	}

	private void onStreamFrame(ChannelHandlerContext ctx, int streamId, int flags, @Nullable ByteBuf data, long delta) {
		YamuxStream stream = stream(streamId);
		if ((flags & YamuxFrames.FLAG_SYN) != 0) {
			if (stream != null || streamId == 0 || (streamId % 2 == 1) == this.client) {
				release(data);
				protocolError(ctx, "peer opened stream " + streamId + ", which it may not open or which is in use");
				return;
			}
			stream = new YamuxStream(this, ctx, streamId, this.config, YamuxFrames.FLAG_ACK);
			if (!acceptStream(ctx, stream)) {
				release(data);
				return;
			}
		}
		if (stream == null) {
			// A stream this side already forgot (reset, or closed both ways): drop what
			// is late.
			release(data);
			return;
		}
		if ((flags & YamuxFrames.FLAG_ACK) != 0 && stream.id() % 2 == (this.client ? 1 : 0)) {
			this.unacknowledgedOutbound = Math.max(0, this.unacknowledgedOutbound - 1);
		}
		if ((flags & YamuxFrames.FLAG_RST) != 0) {
			// go puts an error code in the length of a reset; it is not a window.
			release(data);
			stream.onReset();
			return;
		}
		if (data != null) {
			if (!stream.onData(data)) {
				protocolError(ctx, "peer overran the receive window of stream " + streamId);
				return;
			}
		}
		else {
			stream.onWindowUpdate(delta);
		}
		if ((flags & YamuxFrames.FLAG_FIN) != 0) {
			stream.onFin();
		}
	}

	private static void release(@Nullable ByteBuf data) {
		if (data != null) {
			data.release();
		}
	}

}
