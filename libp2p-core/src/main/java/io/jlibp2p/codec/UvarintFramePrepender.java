package io.jlibp2p.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Prefixes each outbound buffer with its length as an unsigned varint.
 */
@Sharable
public class UvarintFramePrepender extends MessageToByteEncoder<ByteBuf> {

	@Override
	protected void encode(ChannelHandlerContext ctx, ByteBuf message, ByteBuf out) {
		Uvarints.write(message.readableBytes(), out);
		out.writeBytes(message);
	}

	@Override
	protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, ByteBuf message, boolean preferDirect) {
		return ctx.alloc().ioBuffer(message.readableBytes() + 9);
	}

}
