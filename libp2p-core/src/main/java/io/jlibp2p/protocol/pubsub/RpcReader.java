package io.jlibp2p.protocol.pubsub;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamFailedEvent;

/**
 * Reads the RPCs a peer writes on its stream, after the length-prefix decoder, and hands
 * them to the swarm's thread. Parsing and limit checks happen here, on the event loop; a
 * malformed or oversized RPC closes the stream. When the swarm's thread falls behind, by
 * RPCs or by bytes (a budget of two of the largest RPCs per peer), reading pauses, so the
 * muxer's window holds the peer back instead of a queue growing.
 */
final class RpcReader extends ChannelInboundHandlerAdapter {

	/**
	 * How long a peer may take to send the rest of an RPC it started: a partial RPC holds
	 * up to 1 MiB of reserved memory.
	 */
	static final Duration PARTIAL_RPC_TIMEOUT = Duration.ofSeconds(60);

	private static final int PAUSE_AT = 32;

	private static final int RESUME_AT = 8;

	private final PubsubConfig config;

	private final PubsubMetrics metrics;

	private final BiConsumer<PubsubProto.RPC, Runnable> sink;

	private final AtomicInteger pending = new AtomicInteger();

	private final AtomicLong pendingBytes = new AtomicLong();

	private final AtomicBoolean paused = new AtomicBoolean();

	private final long byteBudget;

	/**
	 * Creates a reader.
	 * @param config the limits
	 * @param metrics where malformed RPCs are counted
	 * @param sink takes each RPC and a callback to run once it has been handled
	 */
	RpcReader(PubsubConfig config, PubsubMetrics metrics, BiConsumer<PubsubProto.RPC, Runnable> sink) {
		this.config = config;
		this.metrics = metrics;
		this.sink = sink;
		this.byteBudget = 2L * config.limits().maxRpcSize();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		PubsubProto.RPC rpc;
		ByteBuf frame = (ByteBuf) msg;
		int size = frame.readableBytes();
		try {
			String violation = RpcLimits.violation(frame.nioBuffer(), this.config.limits());
			if (violation != null) {
				refuse(ctx, violation);
				return;
			}
			rpc = PubsubProto.RPC.parseFrom(frame.nioBuffer());
		}
		catch (IOException ex) {
			refuse(ctx, "malformed RPC: " + ex.getMessage());
			return;
		}
		finally {
			frame.release();
		}
		int rpcs = this.pending.incrementAndGet();
		long bytes = this.pendingBytes.addAndGet(size);
		if ((rpcs >= PAUSE_AT || bytes >= this.byteBudget) && this.paused.compareAndSet(false, true)) {
			ctx.channel().config().setAutoRead(false);
		}
		this.sink.accept(rpc, () -> {
			int left = this.pending.decrementAndGet();
			long leftBytes = this.pendingBytes.addAndGet(-size);
			if (left <= RESUME_AT && leftBytes <= this.byteBudget / 2 && this.paused.compareAndSet(true, false)) {
				ctx.channel().eventLoop().execute(() -> ctx.channel().config().setAutoRead(true));
			}
		});
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		refuse(ctx, cause.getMessage());
	}

	private void refuse(ChannelHandlerContext ctx, String reason) {
		this.metrics.malformedRpc();
		((StreamChannel) ctx.channel()).fail(StreamFailedEvent.Cause.MALFORMED, reason);
	}

}
