package io.jlibp2p.protocol.kad;

/**
 * A DHT operation failed, or a peer sent an invalid DHT message.
 */
public class KadException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what went wrong
	 */
	public KadException(String message) {
		super(message);
	}

}
