package io.jlibp2p.security.noise;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.MessageToByteEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.security.HandshakeException;

/**
 * Encrypts and frames everything written after the handshake, and unframes and decrypts
 * what is read. Writes are split into frames of at most {@value #MAX_PLAINTEXT} plaintext
 * bytes (go's limit; 65535 minus the 16-byte tag), and frames of any size up to 65535
 * bytes are read. The cipher works on the buffers' memory directly: no frame is copied
 * into or out of a {@code byte[]}. A frame that fails authentication closes the
 * connection: the stream can no longer be trusted.
 */
public final class NoiseTransportCodec
		extends CombinedChannelDuplexHandler<NoiseTransportCodec.Decoder, NoiseTransportCodec.Encoder> {

	/** Largest plaintext carried in one frame. */
	public static final int MAX_PLAINTEXT = NoiseFrames.MAX_MESSAGE_LENGTH - CipherState.TAG_LENGTH;

	private static final Logger logger = LoggerFactory.getLogger(NoiseTransportCodec.class);

	NoiseTransportCodec(CipherState sender, CipherState receiver) {
		super(new Decoder(receiver), new Encoder(sender));
	}

	/** Unframes and decrypts. */
	static final class Decoder extends ByteToMessageDecoder {

		private final CipherState receiver;

		Decoder(CipherState receiver) {
			this.receiver = receiver;
		}

		@Override
		protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
			while (in.readableBytes() >= 2) {
				int length = in.getUnsignedShort(in.readerIndex());
				if (in.readableBytes() < 2 + length) {
					return;
				}
				if (length < CipherState.TAG_LENGTH) {
					fail(ctx, in, "Noise frame of " + length + " bytes is shorter than its tag");
					return;
				}
				ByteBuf plaintext = ctx.alloc().buffer(length - CipherState.TAG_LENGTH);
				try {
					this.receiver.decrypt(in.nioBuffer(in.readerIndex() + 2, length),
							plaintext.nioBuffer(0, length - CipherState.TAG_LENGTH));
				}
				catch (HandshakeException ex) {
					plaintext.release();
					fail(ctx, in, ex.getMessage());
					return;
				}
				in.skipBytes(2 + length);
				out.add(plaintext.writerIndex(length - CipherState.TAG_LENGTH));
			}
		}

		private static void fail(ChannelHandlerContext ctx, ByteBuf in, String reason) {
			logger.debug("closing {}: {}", ctx.channel(), reason);
			in.skipBytes(in.readableBytes());
			CloseReason.close(ctx.channel(), CloseReason.Cause.DECRYPTION_FAILED, reason);
		}

	}

	/** Encrypts and frames, into one buffer sized for the whole message. */
	static final class Encoder extends MessageToByteEncoder<ByteBuf> {

		private final CipherState sender;

		Encoder(CipherState sender) {
			this.sender = sender;
		}

		@Override
		protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, ByteBuf message, boolean preferDirect) {
			int frames = Math.max(1, (message.readableBytes() + MAX_PLAINTEXT - 1) / MAX_PLAINTEXT);
			return ctx.alloc().ioBuffer(message.readableBytes() + frames * (2 + CipherState.TAG_LENGTH));
		}

		@Override
		protected void encode(ChannelHandlerContext ctx, ByteBuf message, ByteBuf out) {
			do {
				int length = Math.min(message.readableBytes(), MAX_PLAINTEXT);
				int sealed = length + CipherState.TAG_LENGTH;
				out.ensureWritable(2 + sealed);
				out.writeShort(sealed);
				ByteBuf plaintext = contiguousDirect(ctx, message, length);
				try {
					this.sender.encrypt(plaintext.nioBuffer(plaintext.readerIndex(), length),
							out.nioBuffer(out.writerIndex(), sealed));
				}
				finally {
					if (plaintext != message) {
						plaintext.release();
					}
				}
				out.writerIndex(out.writerIndex() + sealed);
				message.skipBytes(length);
			}
			while (message.isReadable());
		}

		/**
		 * Returns the message itself when its next {@code length} bytes are one direct
		 * region, else a pooled direct copy of them. A composite (a yamux header and its
		 * data) would otherwise become a new heap buffer in {@code nioBuffer}, which
		 * Conscrypt copies again into a new, zeroed direct buffer: two allocations and
		 * two copies a frame where this makes one copy into pooled memory.
		 */
		private static ByteBuf contiguousDirect(ChannelHandlerContext ctx, ByteBuf message, int length) {
			if (message.isDirect() && message.nioBufferCount() == 1) {
				return message;
			}
			ByteBuf copy = ctx.alloc().directBuffer(length);
			// getBytes walks a composite's components; writeBytes would take its
			// nioBuffer, the heap copy this avoids.
			message.getBytes(message.readerIndex(), copy, length);
			return copy;
		}

	}

}
