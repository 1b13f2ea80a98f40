package io.jlibp2p.protocol.perf;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;

import io.jlibp2p.muxer.StreamChannel;

/**
 * Runs one perf request: sends the download size and the upload, half-closes, and counts
 * what comes back until the server half-closes.
 */
final class PerfClient extends ZeroSendingHandler {

	private final long upload;

	private final long download;

	private final CompletableFuture<PerfResult> result;

	private final long startedAt = System.nanoTime();

	private long uploadDoneAt;

	private long received;

	PerfClient(long upload, long download, CompletableFuture<PerfResult> result) {
		this.upload = upload;
		this.download = download;
		this.result = result;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		// a caller that gives up (a REST timeout) stops the transfer
		this.result.whenComplete((done, failure) -> {
			if (failure instanceof CancellationException) {
				ctx.executor().execute(((StreamChannel) ctx.channel())::reset);
			}
		});
		ctx.writeAndFlush(ctx.alloc().buffer(8).writeLong(this.download));
		sendZeros(ctx, this.upload, () -> {
			this.uploadDoneAt = System.nanoTime();
			((StreamChannel) ctx.channel()).shutdownOutput();
		});
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf data = (ByteBuf) msg;
		this.received += data.readableBytes();
		data.release();
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event == ChannelInputShutdownEvent.INSTANCE) {
			long now = System.nanoTime();
			if (this.received != this.download) {
				this.result.completeExceptionally(
						new PerfException("asked for " + this.download + " bytes but received " + this.received));
			}
			else {
				this.result.complete(new PerfResult(this.upload, this.received,
						Duration.ofNanos(this.uploadDoneAt - this.startedAt), Duration.ofNanos(now - this.startedAt)));
			}
			ctx.close();
		}
		ctx.fireUserEventTriggered(event);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		this.result.completeExceptionally(
				new PerfException("perf stream closed after " + this.received + " of " + this.download + " bytes"));
		ctx.fireChannelInactive();
	}

}
