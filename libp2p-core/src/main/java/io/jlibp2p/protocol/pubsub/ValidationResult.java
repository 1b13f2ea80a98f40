package io.jlibp2p.protocol.pubsub;

/**
 * What a validator decides about a message.
 */
public enum ValidationResult {

	/** Deliver the message to the application and forward it. */
	ACCEPT,

	/**
	 * The message is invalid: drop it and count it against the peer that sent it, whose
	 * score falls.
	 */
	REJECT,

	/** Drop the message without penalising anyone, for instance when it is stale. */
	IGNORE

}
