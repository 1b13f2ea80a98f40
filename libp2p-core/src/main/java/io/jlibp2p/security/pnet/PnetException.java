package io.jlibp2p.security.pnet;

/**
 * A private network's key could not be read, or a connection did not prove the same key.
 */
public class PnetException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public PnetException(String message) {
		super(message);
	}

}
