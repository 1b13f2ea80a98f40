package io.jlibp2p.muxer.yamux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.muxer.MuxerException;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamMuxer;

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
public final class YamuxSession extends ByteToMessageDecoder implements StreamMuxer {

	/** The protocol id negotiated with multistream-select. */
	public static final String PROTOCOL_ID = "/yamux/1.0.0";

	private static final Logger logger = LoggerFactory.getLogger(YamuxSession.class);

	private final boolean client;

	private final YamuxConfig config;

	private final Consumer<StreamChannel> inboundStreams;

	private final Map<Integer, YamuxStream> streams = new HashMap<>();

	private @Nullable ChannelHandlerContext ctx;

	private int nextStreamId;

	private int unacknowledgedOutbound;

	private boolean remoteGoAway;

	private boolean failed;

	/**
	 * Creates a session.
	 * @param client whether this side dialed the connection
	 * @param config the limits
	 * @param inboundStreams receives each stream the peer opens, before it is registered,
	 * to add its handlers
	 */
	public YamuxSession(boolean client, YamuxConfig config, Consumer<StreamChannel> inboundStreams) {
		this.client = client;
		this.config = config;
		this.inboundStreams = inboundStreams;
		this.nextStreamId = client ? 1 : 2;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	@Override
	public String protocolId() {
		return PROTOCOL_ID;
	}

	@Override
	public Future<StreamChannel> openStream(Consumer<StreamChannel> initializer) {
		ChannelHandlerContext ctx = this.ctx;
		if (ctx == null) {
			throw new IllegalStateException("the session is not in a pipeline");
		}
		Promise<StreamChannel> promise = ctx.executor().newPromise();
		if (ctx.executor().inEventLoop()) {
			openStream(ctx, initializer, promise);
		}
		else {
			ctx.executor().execute(() -> openStream(ctx, initializer, promise));
		}
		return promise;
	}

	private void openStream(ChannelHandlerContext ctx, Consumer<StreamChannel> initializer,
			Promise<StreamChannel> promise) {
		if (!ctx.channel().isActive() || this.failed) {
			promise.setFailure(new MuxerException("the connection is closed"));
			return;
		}
		if (this.remoteGoAway) {
			promise.setFailure(new MuxerException("the peer sent GoAway and accepts no new streams"));
			return;
		}
		if (this.unacknowledgedOutbound >= this.config.maxUnacknowledgedOutbound()) {
			promise.setFailure(new MuxerException(
					this.unacknowledgedOutbound + " outbound streams are not acknowledged yet; try again later"));
			return;
		}
		if (this.streams.size() >= this.config.maxStreams()) {
			promise.setFailure(new MuxerException("the connection has " + this.streams.size() + " open streams"));
			return;
		}
		int id = this.nextStreamId;
		this.nextStreamId += 2;
		YamuxStream stream = new YamuxStream(this, ctx, id, this.config, YamuxFrames.FLAG_SYN);
		this.streams.put(id, stream);
		this.unacknowledgedOutbound++;
		StreamChannel channel = new StreamChannel(ctx.channel(), stream, true);
		stream.attach(channel);
		initializer.accept(channel);
		stream.open();
		ctx.channel().eventLoop().register(channel).addListener((registered) -> {
			if (registered.isSuccess()) {
				promise.setSuccess(channel);
			}
			else {
				stream.writeReset();
				promise.setFailure(registered.cause());
			}
		});
	}

	@Override
	public int streamCount() {
		return this.streams.size();
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		while (!this.failed && in.readableBytes() >= YamuxFrames.HEADER_LENGTH) {
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
				if ((flags & YamuxFrames.FLAG_SYN) != 0) {
					ctx.writeAndFlush(
							YamuxFrames.header(ctx.alloc(), YamuxFrames.TYPE_PING, YamuxFrames.FLAG_ACK, 0, length));
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
		YamuxStream stream = this.streams.get(streamId);
		if ((flags & YamuxFrames.FLAG_SYN) != 0) {
			if (stream != null || streamId == 0 || (streamId % 2 == 1) == this.client) {
				release(data);
				protocolError(ctx, "peer opened stream " + streamId + ", which it may not open or which is in use");
				return;
			}
			stream = acceptStream(ctx, streamId);
			if (stream == null) {
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

	private @Nullable YamuxStream acceptStream(ChannelHandlerContext ctx, int streamId) {
		if (this.streams.size() >= this.config.maxStreams()) {
			logger.debug("resetting inbound stream {} on {}: {} streams open", streamId, ctx.channel(),
					this.streams.size());
			ctx.writeAndFlush(
					YamuxFrames.header(ctx.alloc(), YamuxFrames.TYPE_WINDOW_UPDATE, YamuxFrames.FLAG_RST, streamId, 0));
			return null;
		}
		YamuxStream stream = new YamuxStream(this, ctx, streamId, this.config, YamuxFrames.FLAG_ACK);
		this.streams.put(streamId, stream);
		StreamChannel channel = new StreamChannel(ctx.channel(), stream, false);
		stream.attach(channel);
		this.inboundStreams.accept(channel);
		stream.open();
		ctx.channel().eventLoop().register(channel);
		return stream;
	}

	void forget(YamuxStream stream) {
		this.streams.remove(stream.id(), stream);
	}

	private void protocolError(ChannelHandlerContext ctx, String reason) {
		this.failed = true;
		logger.debug("yamux protocol error on {}: {}", ctx.channel(), reason);
		ctx.writeAndFlush(
				YamuxFrames.header(ctx.alloc(), YamuxFrames.TYPE_GO_AWAY, 0, 0, YamuxFrames.GO_AWAY_PROTOCOL_ERROR));
		CloseReason.close(ctx.channel(), CloseReason.Cause.PROTOCOL_ERROR, "yamux protocol error: " + reason);
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
		if (ctx.channel().isWritable()) {
			for (YamuxStream stream : new ArrayList<>(this.streams.values())) {
				StreamChannel channel = stream.channel();
				if (channel != null) {
					channel.writeCreditAvailable();
				}
			}
		}
		super.channelWritabilityChanged(ctx);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		for (YamuxStream stream : new ArrayList<>(this.streams.values())) {
			stream.onReset();
		}
		this.streams.clear();
		super.channelInactive(ctx);
	}

	private static void release(@Nullable ByteBuf data) {
		if (data != null) {
			data.release();
		}
	}

}
