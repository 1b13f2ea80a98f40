package io.jlibp2p.protocol.kad;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.ReadTimeoutHandler;

import io.jlibp2p.codec.ReadWhileWritable;
import io.jlibp2p.codec.UvarintFrameDecoder;
import io.jlibp2p.codec.Uvarints;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamFailedEvent;

/**
 * Length-prefixed DHT messages on a stream: frames are read within a size limit and a
 * read timeout and handed on as bytes; any failure closes the stream with a reason.
 */
final class KadStream extends ChannelInboundHandlerAdapter {

	private final Consumer<byte[]> frames;

	private final Runnable ended;

	private KadStream(Consumer<byte[]> frames, Runnable ended) {
		this.frames = frames;
		this.ended = ended;
	}

	/**
	 * Sets a stream up to deliver its frames.
	 * @param stream the stream
	 * @param maxMessageSize the largest frame
	 * @param timeoutMillis how long the stream may stay silent, 0 when the caller keeps
	 * the time itself
	 * @param frames takes each frame, on the stream's event loop
	 * @param ended runs once the peer has half-closed and every frame before that was
	 * taken, on the stream's event loop
	 */
	static void install(StreamChannel stream, int maxMessageSize, long timeoutMillis, Consumer<byte[]> frames,
			Runnable ended) {
		if (timeoutMillis > 0) {
			stream.pipeline().addLast(new ReadTimeoutHandler(timeoutMillis, TimeUnit.MILLISECONDS));
		}
		// A peer that sends requests without reading the answers gets no more read.
		stream.pipeline()
			.addLast(ReadWhileWritable.INSTANCE)
			.addLast(new UvarintFrameDecoder(maxMessageSize))
			.addLast(new KadStream(frames, ended));
	}

	/**
	 * Writes one message.
	 * @param stream the stream
	 * @param message the encoded message
	 * @return the write's future
	 */
	static ChannelFuture write(StreamChannel stream, byte[] message) {
		return stream.writeAndFlush(Uvarints.frame(message));
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		byte[] bytes;
		try {
			bytes = ByteBufUtil.getBytes(frame);
		}
		finally {
			frame.release();
		}
		this.frames.accept(bytes);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event == ChannelInputShutdownEvent.INSTANCE) {
			this.ended.run();
		}
		ctx.fireUserEventTriggered(event);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		((StreamChannel) ctx.channel()).fail(StreamFailedEvent.Cause.MALFORMED, cause.toString());
	}

}
