package io.jlibp2p.protocol.ping;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.codec.ReadWhileWritable;

/**
 * Answers pings on an inbound stream: every {@value PingProtocol#PAYLOAD_LENGTH} bytes
 * read are written back, for as long as the dialer keeps the stream open (go and js open
 * one stream per ping, rust and jlibp2p reuse one). A stream silent for the idle timeout
 * is closed; a half-close from the dialer is answered with a half-close. A dialer that
 * does not read its echoes is not read either ({@link ReadWhileWritable}).
 */
final class PingResponder extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(PingResponder.class);

	private ByteBuf pending = Unpooled.EMPTY_BUFFER;

	static void install(Channel stream, PingConfig config) {
		stream.pipeline()
			.addLast(new IdleStateHandler(0, 0, config.responderIdleTimeout().toMillis(), TimeUnit.MILLISECONDS))
			.addLast(ReadWhileWritable.INSTANCE)
			.addLast(new PingResponder());
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.pending = ctx.alloc().buffer(PingProtocol.PAYLOAD_LENGTH);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf data = (ByteBuf) msg;
		try {
			// Every whole ping read so far goes back in one buffer: a peer that sends
			// thousands at once gets one frame, not thousands.
			int length = PingProtocol.PAYLOAD_LENGTH;
			int whole = (this.pending.readableBytes() + data.readableBytes()) / length * length;
			if (whole > 0) {
				ByteBuf echo = ctx.alloc().buffer(whole);
				echo.writeBytes(this.pending);
				this.pending.clear();
				echo.writeBytes(data, whole - echo.readableBytes());
				ctx.write(echo);
			}
			this.pending.writeBytes(data);
		}
		finally {
			data.release();
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		ctx.flush();
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event == ChannelInputShutdownEvent.INSTANCE) {
			((DuplexChannel) ctx.channel()).shutdownOutput();
		}
		else if (event instanceof IdleStateEvent) {
			logger.debug("closing idle inbound ping stream {}", ctx.channel());
			ctx.close();
		}
		ctx.fireUserEventTriggered(event);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		logger.debug("inbound ping stream {} failed", ctx.channel(), cause);
		ctx.close();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		this.pending.release();
	}

}
