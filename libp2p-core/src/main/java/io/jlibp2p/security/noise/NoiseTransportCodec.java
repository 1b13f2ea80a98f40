package io.jlibp2p.security.noise;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.security.HandshakeException;

/**
 * Encrypts and frames everything written after the handshake, and unframes and decrypts
 * what is read. Writes are split into frames of at most {@value #MAX_PLAINTEXT} plaintext
 * bytes (go's limit; 65535 minus the 16-byte tag), and frames of any size up to 65535
 * bytes are read. A frame that fails authentication closes the connection: the stream can
 * no longer be trusted.
 */
public final class NoiseTransportCodec extends ByteToMessageCodec<ByteBuf> {

	/** Largest plaintext carried in one frame. */
	public static final int MAX_PLAINTEXT = NoiseFrames.MAX_MESSAGE_LENGTH - CipherState.TAG_LENGTH;

	private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

	private static final Logger logger = LoggerFactory.getLogger(NoiseTransportCodec.class);

	private final CipherState sender;

	private final CipherState receiver;

	NoiseTransportCodec(CipherState sender, CipherState receiver) {
		this.sender = sender;
		this.receiver = receiver;
	}

	@Override
	protected void encode(ChannelHandlerContext ctx, ByteBuf message, ByteBuf out) {
		byte[] chunk = new byte[Math.min(message.readableBytes(), MAX_PLAINTEXT)];
		while (message.isReadable()) {
			int length = Math.min(message.readableBytes(), MAX_PLAINTEXT);
			message.readBytes(chunk, 0, length);
			byte[] ciphertext = this.sender.encrypt(NO_ASSOCIATED_DATA, chunk, 0, length);
			out.writeShort(ciphertext.length).writeBytes(ciphertext);
		}
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		byte[] frame;
		while ((frame = NoiseFrames.read(in)) != null) {
			try {
				out.add(Unpooled.wrappedBuffer(this.receiver.decrypt(NO_ASSOCIATED_DATA, frame, 0, frame.length)));
			}
			catch (HandshakeException ex) {
				logger.debug("closing {}: {}", ctx.channel(), ex.getMessage());
				in.skipBytes(in.readableBytes());
				CloseReason.close(ctx.channel(), CloseReason.Cause.DECRYPTION_FAILED, ex.getMessage());
				return;
			}
		}
	}

}
