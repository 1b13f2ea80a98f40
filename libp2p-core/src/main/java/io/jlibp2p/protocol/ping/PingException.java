package io.jlibp2p.protocol.ping;

/**
 * A ping failed: timeout, a wrong echo, a closed stream, or a peer that does not support
 * ping.
 */
public class PingException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public PingException(String message) {
		super(message);
	}

	public PingException(String message, Throwable cause) {
		super(message, cause);
	}

}
