package io.jlibp2p.protocol.pubsub;

/**
 * A {@link MessageValidator} that names its topic, so it can be registered by itself: the
 * Spring Boot starter adds every bean of this type to pubsub.
 */
public interface TopicValidator extends MessageValidator {

	/**
	 * Returns the topic whose messages this validator checks.
	 * @return the topic, exactly as on the wire
	 */
	String topic();

}
