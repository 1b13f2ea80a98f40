package io.jlibp2p.protocol.reqresp;

/**
 * Thrown by a {@link RequestHandler}, or a stage it returns, for a request it cannot
 * decode: the stream is reset as for any handler failure, but counted as
 * {@link RequestResponseMetrics.Outcome#UNREADABLE}.
 */
public class UnreadableRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what could not be read
	 * @param cause the decoder's failure
	 */
	public UnreadableRequestException(String message, Throwable cause) {
		super(message, cause);
	}

}
