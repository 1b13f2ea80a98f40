package io.jlibp2p.protocol.identify;

/**
 * Identify failed: a malformed message, a key that does not match the connection's peer,
 * a timeout, or a peer that does not support identify.
 */
public class IdentifyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public IdentifyException(String message) {
		super(message);
	}

	public IdentifyException(String message, Throwable cause) {
		super(message, cause);
	}

}
