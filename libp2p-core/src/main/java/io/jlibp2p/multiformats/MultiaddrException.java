package io.jlibp2p.multiformats;

/**
 * Thrown when text or bytes are not a valid multiaddr: an unknown protocol, a missing or
 * malformed value, truncated bytes or a length beyond the limits. The message names the
 * protocol and the value at fault.
 */
public class MultiaddrException extends MultiformatException {

	private static final long serialVersionUID = 1L;

	public MultiaddrException(String message) {
		super(message);
	}

	public MultiaddrException(String message, Throwable cause) {
		super(message, cause);
	}

}
