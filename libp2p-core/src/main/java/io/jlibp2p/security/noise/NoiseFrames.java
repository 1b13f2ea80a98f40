package io.jlibp2p.security.noise;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Noise framing in libp2p: {@code u16 big-endian length ‖ message}, so no message exceeds
 * {@value #MAX_MESSAGE_LENGTH} bytes.
 */
final class NoiseFrames {

	static final int MAX_MESSAGE_LENGTH = 0xFFFF;

	private NoiseFrames() {
	}

	/**
	 * Reads one frame if the buffer holds all of it.
	 * @param in the buffer; its reader index moves only when a frame is returned
	 * @return the message, or {@code null} if incomplete
	 */
	static byte @Nullable [] read(ByteBuf in) {
		if (in.readableBytes() < 2) {
			return null;
		}
		int length = in.getUnsignedShort(in.readerIndex());
		if (in.readableBytes() < 2 + length) {
			return null;
		}
		in.skipBytes(2);
		byte[] message = new byte[length];
		in.readBytes(message);
		return message;
	}

}
