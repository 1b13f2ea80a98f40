package io.jlibp2p.protocol.pubsub;

/**
 * A pubsub operation was refused or a peer broke the pubsub protocol.
 */
public class PubsubException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what went wrong
	 */
	public PubsubException(String message) {
		super(message);
	}

}
