package io.jlibp2p.muxer.mplex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.codec.Uvarints;
import io.jlibp2p.muxer.MuxerException;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamMuxer;

/**
 * An mplex session: frames are {@code uvarint(id << 3 | flag) ‖ uvarint(length) ‖ data},
 * and a stream is named by its id together with which side opened it. There is no flow
 * control: writes stop only while the connection is not writable, and a stream whose
 * reader falls more than {@link MplexConfig#maxBufferedPerStream()} behind is reset.
 * Frames above the message limit, an unknown flag or a duplicate stream close the
 * connection. Not sharable.
 */
public final class MplexSession extends ByteToMessageDecoder implements StreamMuxer {

	/** The protocol id negotiated with multistream-select. */
	public static final String PROTOCOL_ID = "/mplex/6.7.0";

	private static final Logger logger = LoggerFactory.getLogger(MplexSession.class);

	private final MplexConfig config;

	private final Consumer<StreamChannel> inboundStreams;

	private final Map<StreamKey, MplexStream> streams = new HashMap<>();

	private @Nullable ChannelHandlerContext ctx;

	private long nextStreamId;

	private boolean failed;

	/**
	 * Names a stream: its id and whether this side opened it.
	 *
	 * @param id the stream id
	 * @param initiator whether this side opened the stream
	 */
	record StreamKey(long id, boolean initiator) {
	}

	/**
	 * Creates a session.
	 * @param config the limits
	 * @param inboundStreams receives each stream the peer opens, before it is registered
	 */
	public MplexSession(MplexConfig config, Consumer<StreamChannel> inboundStreams) {
		this.config = config;
		this.inboundStreams = inboundStreams;
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
	public int streamCount() {
		return this.streams.size();
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
		if (this.streams.size() >= this.config.maxStreams()) {
			promise.setFailure(new MuxerException("the connection has " + this.streams.size() + " open streams"));
			return;
		}
		StreamKey key = new StreamKey(this.nextStreamId++, true);
		MplexStream stream = new MplexStream(this, ctx, key, this.config);
		this.streams.put(key, stream);
		StreamChannel channel = new StreamChannel(ctx.channel(), stream, true);
		stream.attach(channel);
		initializer.accept(channel);
		stream.writeNewStream();
		stream.flush();
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
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		while (!this.failed && in.isReadable()) {
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
			if (this.streams.containsKey(key)) {
				protocolError(ctx, "peer opened stream " + id + " twice");
				return;
			}
			acceptStream(ctx, key);
			return;
		}
		if (flag > MplexFlags.RESET_INITIATOR) {
			data.release();
			protocolError(ctx, "unknown mplex flag " + flag);
			return;
		}
		// Even flags come from the opener, odd ones from the other side: a frame with an
		// odd
		// flag is about a stream this side opened.
		MplexStream stream = this.streams.get(new StreamKey(id, flag % 2 == 1));
		if (stream == null) {
			data.release();
			return;
		}
		switch (flag) {
			case MplexFlags.MESSAGE_RECEIVER, MplexFlags.MESSAGE_INITIATOR -> {
				if (!stream.onData(data)) {
					logger.debug("resetting mplex stream {} on {}: its reader fell behind", id, ctx.channel());
					stream.writeReset();
					stream.flush();
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

	private void acceptStream(ChannelHandlerContext ctx, StreamKey key) {
		MplexStream stream = new MplexStream(this, ctx, key, this.config);
		if (this.streams.size() >= this.config.maxStreams()) {
			logger.debug("resetting inbound mplex stream {} on {}: {} streams open", key.id(), ctx.channel(),
					this.streams.size());
			stream.writeReset();
			stream.flush();
			return;
		}
		this.streams.put(key, stream);
		StreamChannel channel = new StreamChannel(ctx.channel(), stream, false);
		stream.attach(channel);
		this.inboundStreams.accept(channel);
		ctx.channel().eventLoop().register(channel);
	}

	void forget(MplexStream stream) {
		this.streams.remove(stream.key(), stream);
	}

	private void protocolError(ChannelHandlerContext ctx, String reason) {
		this.failed = true;
		logger.debug("mplex protocol error on {}: {}", ctx.channel(), reason);
		CloseReason.close(ctx.channel(), CloseReason.Cause.PROTOCOL_ERROR, "mplex protocol error: " + reason);
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
		if (ctx.channel().isWritable()) {
			for (MplexStream stream : new ArrayList<>(this.streams.values())) {
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
		for (MplexStream stream : new ArrayList<>(this.streams.values())) {
			stream.onReset();
		}
		this.streams.clear();
		super.channelInactive(ctx);
	}

}
