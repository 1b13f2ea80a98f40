package io.jlibp2p.multistream;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.CorruptedFrameException;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.codec.Uvarints;

/**
 * The wire format of multistream-select: each message is
 * {@code uvarint(length) ‖ text ‖ '\n'}, where the length counts the newline. Pure
 * functions over buffers.
 */
public final class MultistreamMessages {

	/** The protocol header both sides send first. */
	public static final String PROTOCOL_ID = "/multistream/1.0.0";

	/** The listener's answer to a protocol it does not support. */
	public static final String NA = "na";

	/** A request for the listener's protocol list. */
	public static final String LS = "ls";

	/** Longest message accepted, newline included, as go and js limit it. */
	public static final int MAX_MESSAGE_LENGTH = 1024;

	private MultistreamMessages() {
	}

	/**
	 * Encodes one message.
	 * @param alloc the allocator
	 * @param message the text, without newline
	 * @return the framed message, owned by the caller
	 */
	public static ByteBuf encode(ByteBufAllocator alloc, String message) {
		byte[] text = message.getBytes(StandardCharsets.UTF_8);
		ByteBuf out = alloc.buffer(text.length + 3);
		Uvarints.write(text.length + 1, out);
		out.writeBytes(text).writeByte('\n');
		return out;
	}

	/**
	 * Encodes the answer to {@code ls}: one length-prefixed block of messages and a final
	 * newline.
	 * @param alloc the allocator
	 * @param protocols the protocols to list
	 * @return the framed answer, owned by the caller
	 */
	public static ByteBuf encodeList(ByteBufAllocator alloc, Collection<String> protocols) {
		ByteBuf body = alloc.buffer();
		try {
			for (String protocol : protocols) {
				ByteBuf message = encode(alloc, protocol);
				body.writeBytes(message);
				message.release();
			}
			body.writeByte('\n');
			ByteBuf out = alloc.buffer(body.readableBytes() + 3);
			Uvarints.write(body.readableBytes(), out);
			return out.writeBytes(body);
		}
		finally {
			body.release();
		}
	}

	/**
	 * Reads one message if the buffer holds all of it.
	 * @param in the buffer; its reader index moves past the message only when one is
	 * returned
	 * @return the text without newline, or {@code null} if the message is incomplete
	 * @throws CorruptedFrameException if the message is empty, too long, lacks its
	 * newline or is not UTF-8
	 */
	public static @Nullable String read(ByteBuf in) {
		int start = in.readerIndex();
		int length = Uvarints.readLength(in, MAX_MESSAGE_LENGTH);
		if (length < 0) {
			return null;
		}
		if (in.readableBytes() < length) {
			in.readerIndex(start);
			return null;
		}
		if (length == 0 || in.getByte(in.readerIndex() + length - 1) != '\n') {
			throw new CorruptedFrameException("multistream message does not end in a newline");
		}
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(in.nioBuffer(in.readerIndex(), length - 1))
				.toString();
			in.skipBytes(length);
			return text;
		}
		catch (CharacterCodingException ex) {
			throw new CorruptedFrameException("multistream message is not valid UTF-8");
		}
	}

}
