package io.jlibp2p.protocol.pubsub;

/**
 * A message was not published because no peer subscribed to its topic was there to take
 * it, as rust's {@code PublishError::InsufficientPeers} and js's
 * {@code NoPeersSubscribedToTopic}: nothing was sent, and the caller may try again once
 * peers have joined.
 */
public class InsufficientPeersException extends PubsubException {

	/**
	 * Creates the exception.
	 * @param topic the topic
	 */
	public InsufficientPeersException(String topic) {
		super("no peer subscribed to " + topic + " to publish to");
	}

}
