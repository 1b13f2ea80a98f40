package io.jlibp2p.protocol.pubsub;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import io.jlibp2p.internal.proto.PubsubProto;

import io.jlibp2p.muxer.StreamFailedEvent;

import io.jlibp2p.muxer.StreamChannel;

/**
 * Reads the RPCs a peer writes on its stream, after the length-prefix decoder, and hands
 * them to the swarm's thread. Parsing and limit checks happen here, on the event loop; a
 * malformed or oversized RPC closes the stream. When the swarm's thread falls behind,
 * reading pauses, so the muxer's window holds the peer back instead of a queue growing.
 */
final class RpcReader extends ChannelInboundHandlerAdapter {

	private static final int PAUSE_AT = 32;

	private static final int RESUME_AT = 8;

	private final PubsubConfig config;

	private final PubsubMetrics metrics;

	private final BiConsumer<PubsubProto.RPC, Runnable> sink;

	private final AtomicInteger pending = new AtomicInteger();

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
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		PubsubProto.RPC rpc;
		ByteBuf frame = (ByteBuf) msg;
		try {
			rpc = PubsubProto.RPC.parseFrom(frame.nioBuffer());
		}
		catch (InvalidProtocolBufferException ex) {
			refuse(ctx, "malformed RPC: " + ex.getMessage());
			return;
		}
		finally {
			frame.release();
		}
		String violation = RpcLimits.violation(rpc, this.config);
		if (violation != null) {
			refuse(ctx, violation);
			return;
		}
		if (this.pending.incrementAndGet() >= PAUSE_AT) {
			ctx.channel().config().setAutoRead(false);
		}
		this.sink.accept(rpc, () -> {
			if (this.pending.decrementAndGet() == RESUME_AT) {
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
