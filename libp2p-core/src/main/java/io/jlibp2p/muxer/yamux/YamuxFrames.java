package io.jlibp2p.muxer.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The yamux wire format: a 12-byte big-endian header
 * {@code version(1) type(1) flags(2) streamId(4) length(4)}, followed by {@code length}
 * bytes of payload for data frames only.
 */
final class YamuxFrames {

	static final int HEADER_LENGTH = 12;

	static final int VERSION = 0;

	static final int TYPE_DATA = 0;

	static final int TYPE_WINDOW_UPDATE = 1;

	static final int TYPE_PING = 2;

	static final int TYPE_GO_AWAY = 3;

	static final int FLAG_SYN = 1;

	static final int FLAG_ACK = 2;

	static final int FLAG_FIN = 4;

	static final int FLAG_RST = 8;

	static final int GO_AWAY_PROTOCOL_ERROR = 1;

	private YamuxFrames() {
	}

	static ByteBuf header(ByteBufAllocator alloc, int type, int flags, int streamId, long length) {
		return alloc.buffer(HEADER_LENGTH)
			.writeByte(VERSION)
			.writeByte(type)
			.writeShort(flags)
			.writeInt(streamId)
			.writeInt((int) length);
	}

}
