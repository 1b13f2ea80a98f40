package io.jlibp2p.protocol.reqresp;

/**
 * A request that got no response, and why.
 */
public class RequestResponseException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	/**
	 * Creates the exception.
	 * @param reason why
	 * @param message the details
	 * @param cause the underlying failure, if any
	 */
	public RequestResponseException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	/**
	 * Creates the exception.
	 * @param reason why
	 * @param message the details
	 */
	public RequestResponseException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Returns why the request failed.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/** Why a request failed; each is counted apart. */
	public enum Reason {

		/** The peer could not be reached. */
		DIAL_FAILURE,

		/** The peer does not serve the protocol. */
		UNSUPPORTED_PROTOCOL,

		/** No response within the timeout. */
		TIMEOUT,

		/** The request exceeds this node's request size limit; nothing was sent. */
		REQUEST_TOO_LARGE,

		/** The response exceeds this node's response size limit. */
		RESPONSE_TOO_LARGE,

		/** As many requests to the peer are in progress as the limit allows. */
		TOO_MANY_REQUESTS,

		/**
		 * The peer closed or reset the stream without a response: its handler failed, it
		 * could not read the request, or it refused it.
		 */
		REMOTE_FAILURE

	}

}
