package io.jlibp2p.muxer;

/**
 * A muxer refused an operation or its peer broke the muxer protocol: too many streams, a
 * stream opened after go-away, a window overrun, a malformed frame. The message says
 * which.
 */
public class MuxerException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public MuxerException(String message) {
		super(message);
	}

}
