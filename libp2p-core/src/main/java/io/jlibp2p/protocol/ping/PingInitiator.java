package io.jlibp2p.protocol.ping;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.codec.ChannelTimer;
import io.jlibp2p.muxer.StreamChannel;

/**
 * Sends pings on one outbound stream, reused for every ping (go and js keep theirs open;
 * rust once opened a stream per ping). One ping is in flight at a time; further ones
 * queue, up to {@value #MAX_QUEUED}. A reply that does not echo the payload, a timeout or
 * the stream closing fails the outstanding pings and ends the stream; the next ping opens
 * a new one.
 */
final class PingInitiator extends ChannelInboundHandlerAdapter {

	static final int MAX_QUEUED = 16;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Duration timeout;

	private final ArrayDeque<Outstanding> queue = new ArrayDeque<>();

	private final ByteBuf reply = Unpooled.buffer(PingProtocol.PAYLOAD_LENGTH);

	private @Nullable ChannelHandlerContext ctx;

	private final ChannelTimer timer = new ChannelTimer();

	PingInitiator(Duration timeout) {
		this.timeout = timeout;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	/** Queues a ping; must run on the stream's event loop. */
	void ping(CompletableFuture<Duration> result) {
		ChannelHandlerContext ctx = this.ctx;
		if (ctx == null || !ctx.channel().isActive()) {
			result.completeExceptionally(new PingException("the ping stream is closed"));
			return;
		}
		if (this.queue.size() >= MAX_QUEUED) {
			result.completeExceptionally(new PingException(MAX_QUEUED + " pings are already waiting"));
			return;
		}
		byte[] payload = new byte[PingProtocol.PAYLOAD_LENGTH];
		RANDOM.nextBytes(payload);
		this.queue.add(new Outstanding(payload, result));
		if (this.queue.size() == 1) {
			sendHead(ctx);
		}
	}

	private void sendHead(ChannelHandlerContext ctx) {
		Outstanding head = this.queue.peek();
		if (head == null) {
			return;
		}
		head.sentAt = System.nanoTime();
		ctx.writeAndFlush(Unpooled.wrappedBuffer(head.payload));
		this.timer.start(ctx, this.timeout, () -> fail(ctx, "no answer within " + this.timeout.toMillis() + " ms"));
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf data = (ByteBuf) msg;
		try {
			while (data.isReadable()) {
				this.reply.writeBytes(data,
						Math.min(data.readableBytes(), PingProtocol.PAYLOAD_LENGTH - this.reply.readableBytes()));
				if (this.reply.readableBytes() == PingProtocol.PAYLOAD_LENGTH) {
					onReply(ctx);
				}
			}
		}
		finally {
			data.release();
		}
	}

	private void onReply(ChannelHandlerContext ctx) {
		Outstanding head = this.queue.poll();
		byte[] echoed = new byte[PingProtocol.PAYLOAD_LENGTH];
		this.reply.readBytes(echoed);
		this.reply.clear();
		this.timer.cancel();
		if (head == null || !Arrays.equals(head.payload, echoed)) {
			if (head != null) {
				this.queue.addFirst(head);
			}
			fail(ctx, "the peer answered with other bytes than it was sent");
			return;
		}
		head.result.complete(Duration.ofNanos(System.nanoTime() - head.sentAt));
		sendHead(ctx);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		failAll("the ping stream closed");
		ctx.fireChannelInactive();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		fail(ctx, "the ping stream failed: " + cause.getMessage());
	}

	private void fail(ChannelHandlerContext ctx, String reason) {
		failAll(reason);
		((StreamChannel) ctx.channel()).reset();
	}

	private void failAll(String reason) {
		this.timer.cancel();
		Outstanding outstanding;
		while ((outstanding = this.queue.poll()) != null) {
			outstanding.result.completeExceptionally(new PingException(reason));
		}
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		this.reply.release();
	}

	private static final class Outstanding {

		private final byte[] payload;

		private final CompletableFuture<Duration> result;

		private long sentAt;

		Outstanding(byte[] payload, CompletableFuture<Duration> result) {
			this.payload = payload;
			this.result = result;
		}

	}

}
