package io.jlibp2p.protocol.perf;

/**
 * A perf run failed: the stream closed early, or the byte count did not match the
 * request.
 */
public class PerfException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public PerfException(String message) {
		super(message);
	}

}
