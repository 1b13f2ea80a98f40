package io.jlibp2p.muxer.mplex;

/**
 * mplex frame flags, the low three bits of the header varint. "Initiator" flags are sent
 * by the side that opened the stream, "receiver" flags by the other side.
 */
final class MplexFlags {

	static final int NEW_STREAM = 0;

	static final int MESSAGE_RECEIVER = 1;

	static final int MESSAGE_INITIATOR = 2;

	static final int CLOSE_RECEIVER = 3;

	static final int CLOSE_INITIATOR = 4;

	static final int RESET_RECEIVER = 5;

	static final int RESET_INITIATOR = 6;

	private MplexFlags() {
	}

}
