package io.jlibp2p.muxer;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.resources.ConnectionScope;
import io.jlibp2p.resources.ResourceLimitException;
import io.jlibp2p.resources.StreamScope;
import io.jlibp2p.time.TokenBucket;
import io.jlibp2p.transport.Direction;

/**
 * What every muxer session shares: the table of streams, opening streams on the
 * connection's event loop within the stream limit, accepting the peer's streams (or
 * resetting those beyond the limit), passing the connection's writability on to the
 * streams, resetting them all when the connection goes, and closing the connection on a
 * protocol error. Subclasses decode their frames and say how streams are named and
 * created. Not sharable.
 *
 * @param <K> how the muxer names a stream
 * @param <S> the muxer's per-stream state
 */
public abstract class MuxerSession<K, S extends MuxedStream> extends ByteToMessageDecoder implements StreamMuxer {

	private static final Logger logger = LoggerFactory.getLogger(MuxerSession.class);

	/**
	 * Streams a peer may open a second, in bursts of twice as many; a peer that opens
	 * more is cut off, since each stream costs a negotiation whether it is refused or
	 * not.
	 */
	static final int MAX_INBOUND_STREAMS_PER_SECOND = 512;

	/**
	 * Bytes of control replies (pongs, resets) that may wait unwritten: a peer that asks
	 * for more and does not read the answers is cut off.
	 */
	static final int MAX_CONTROL_BACKLOG = 256 * 1024;

	private final TokenBucket inboundRate = new TokenBucket(MAX_INBOUND_STREAMS_PER_SECOND,
			2 * MAX_INBOUND_STREAMS_PER_SECOND, System.nanoTime());

	private final String name;

	private final int maxStreams;

	private final Consumer<StreamChannel> inboundStreams;

	private final Map<K, S> streams = new ConcurrentHashMap<>();

	private final ConnectionScope resources;

	private @Nullable ChannelHandlerContext ctx;

	private boolean failed;

	/** A control reply was written while reading: flush once the read is done. */
	private boolean flushAfterRead;

	/**
	 * Creates the shared part of a session.
	 * @param name the muxer's name for messages, such as {@code yamux}
	 * @param maxStreams streams open at once, both directions
	 * @param inboundStreams receives each stream the peer opens, before it is registered
	 * @param resources the connection's scope, which every stream must fit in
	 */
	protected MuxerSession(String name, int maxStreams, Consumer<StreamChannel> inboundStreams,
			ConnectionScope resources) {
		this.name = name;
		this.maxStreams = maxStreams;
		this.inboundStreams = inboundStreams;
		this.resources = resources;
	}

	/**
	 * Returns how the muxer names a stream.
	 * @param stream the stream
	 * @return its key in the stream table
	 */
	protected abstract K key(S stream);

	/**
	 * Creates the state of a stream this side opens, with a fresh name.
	 * @param ctx the session's context
	 * @return the stream
	 */
	protected abstract S newOutboundStream(ChannelHandlerContext ctx);

	/**
	 * Says why no outbound stream may be opened now, beyond the stream limit.
	 * @return the reason, or {@code null} if one may
	 */
	protected @Nullable String outboundRefusal() {
		return null;
	}

	/**
	 * Writes what the muxer sends before closing on a protocol error (yamux: GoAway).
	 * @param ctx the session's context
	 */
	protected void beforeProtocolErrorClose(ChannelHandlerContext ctx) {
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	@Override
	public final Future<StreamChannel> openStream(Consumer<StreamChannel> initializer) {
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
		String refusal = (!ctx.channel().isActive() || this.failed) ? "the connection is closed" : outboundRefusal();
		if (refusal == null && this.streams.size() >= this.maxStreams) {
			refusal = "the connection has " + this.streams.size() + " open streams";
		}
		if (refusal != null) {
			promise.setFailure(new MuxerException(refusal));
			return;
		}
		StreamScope scope;
		try {
			scope = this.resources.openStream(Direction.OUTBOUND);
		}
		catch (ResourceLimitException ex) {
			promise.setFailure(ex);
			return;
		}
		S stream = newOutboundStream(ctx);
		StreamChannel channel = add(ctx, stream, scope, initializer);
		ctx.channel().eventLoop().register(channel).addListener((registered) -> {
			if (registered.isSuccess()) {
				promise.setSuccess(channel);
			}
			else {
				stream.writeReset();
				scope.close();
				promise.setFailure(registered.cause());
			}
		});
	}

	/**
	 * Accepts a stream the peer opened, or resets it when the stream limit is reached.
	 * @param ctx the session's context
	 * @param stream the stream's state
	 * @return whether the stream was accepted
	 */
	protected final boolean acceptStream(ChannelHandlerContext ctx, S stream) {
		if (!this.inboundRate.take(System.nanoTime())) {
			cutOff(ctx, "opened more than " + MAX_INBOUND_STREAMS_PER_SECOND + " streams a second");
			return false;
		}
		String refusal = (this.streams.size() >= this.maxStreams) ? this.streams.size() + " streams open" : null;
		StreamScope scope = null;
		if (refusal == null) {
			try {
				scope = this.resources.openStream(Direction.INBOUND);
			}
			catch (ResourceLimitException ex) {
				refusal = ex.getMessage();
			}
		}
		if (scope == null) {
			logger.debug("resetting an inbound {} stream on {}: {}", this.name, ctx.channel(), refusal);
			if (!mayWriteControl(ctx)) {
				return false;
			}
			stream.writeReset();
			ctx.fireUserEventTriggered(StreamRefusedEvent.INSTANCE);
			return false;
		}
		ctx.channel().eventLoop().register(add(ctx, stream, scope, this.inboundStreams));
		return true;
	}

	private StreamChannel add(ChannelHandlerContext ctx, S stream, StreamScope scope,
			Consumer<StreamChannel> initializer) {
		this.streams.put(key(stream), stream);
		StreamChannel channel = new StreamChannel(ctx.channel(), stream, scope);
		stream.attach(channel);
		initializer.accept(channel);
		stream.start();
		return channel;
	}

	/**
	 * Looks a stream up.
	 * @param key its name
	 * @return the stream, or {@code null} if this session does not know it (any more)
	 */
	protected final @Nullable S stream(K key) {
		return this.streams.get(key);
	}

	/**
	 * Forgets a stream that is done in both directions or reset.
	 * @param stream the stream
	 */
	public final void forget(S stream) {
		this.streams.remove(key(stream), stream);
	}

	@Override
	public final int streamCount() {
		return count(StreamChannel::isOpen);
	}

	@Override
	public final int keepAliveStreamCount() {
		return count(StreamChannel::keepsAlive);
	}

	private int count(Predicate<StreamChannel> counted) {
		// A stream closed here lingers in the table until the peer's FIN frees its id;
		// it is no longer in use and must not keep the connection from going idle.
		int count = 0;
		for (S stream : this.streams.values()) {
			StreamChannel channel = stream.channel();
			if (channel != null && counted.test(channel)) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Returns whether a protocol error ended the session.
	 * @return {@code true} after {@link #protocolError}
	 */
	protected final boolean failed() {
		return this.failed;
	}

	/**
	 * Returns whether a control reply may be written, without a flush: the session
	 * flushes when the read is complete. The connection's backlog of unwritten bytes must
	 * be within {@link #MAX_CONTROL_BACKLOG}; otherwise the peer asks for replies it does
	 * not read, and the connection is closed.
	 * @param ctx the session's context
	 * @return {@code true} to write the reply
	 */
	protected final boolean mayWriteControl(ChannelHandlerContext ctx) {
		this.flushAfterRead = true;
		long backlog = ctx.channel().bytesBeforeWritable();
		if (backlog <= MAX_CONTROL_BACKLOG) {
			return true;
		}
		cutOff(ctx, "the peer does not read: " + backlog + " bytes wait to be written");
		return false;
	}

	private void cutOff(ChannelHandlerContext ctx, String reason) {
		this.failed = true;
		logger.debug("{} on {}: {}", this.name, ctx.channel(), reason);
		CloseReason.close(ctx.channel(), CloseReason.Cause.LIMIT, this.name + ": " + reason);
	}

	/**
	 * Ends the session and closes the connection because the peer broke the muxer
	 * protocol.
	 * @param ctx the session's context
	 * @param reason what the peer did
	 */
	protected final void protocolError(ChannelHandlerContext ctx, String reason) {
		this.failed = true;
		logger.debug("{} protocol error on {}: {}", this.name, ctx.channel(), reason);
		beforeProtocolErrorClose(ctx);
		CloseReason.close(ctx.channel(), CloseReason.Cause.PROTOCOL_ERROR, this.name + " protocol error: " + reason);
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
		if (ctx.channel().isWritable()) {
			for (S stream : new ArrayList<>(this.streams.values())) {
				StreamChannel channel = stream.channel();
				if (channel != null) {
					channel.writeCreditAvailable();
				}
			}
		}
		super.channelWritabilityChanged(ctx);
	}

	/**
	 * Flushes the control replies of a whole read at once: a peer that sends thousands of
	 * pings in one read costs one write to the socket, not thousands.
	 */
	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
		super.channelReadComplete(ctx);
		if (this.flushAfterRead) {
			this.flushAfterRead = false;
			ctx.flush();
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		this.resources.close();
		for (S stream : new ArrayList<>(this.streams.values())) {
			stream.onReset();
		}
		this.streams.clear();
		super.channelInactive(ctx);
	}

}
