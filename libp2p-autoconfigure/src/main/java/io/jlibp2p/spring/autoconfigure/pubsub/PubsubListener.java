package io.jlibp2p.spring.autoconfigure.pubsub;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.jlibp2p.spring.autoconfigure.payload.PayloadConverter;

/**
 * Marks a bean method as the receiver of a pubsub topic's messages, as
 * {@code @KafkaListener} marks a Kafka consumer:
 *
 * <pre>{@code
 * &#64;PubsubListener(topics = "orders")
 * void onOrder(Order order, PubsubMessageEvent event) {
 *     ...
 * }
 * }</pre>
 *
 * The topics are subscribed to when the application starts and left when it stops. The
 * method takes at most one payload parameter, converted from the message's bytes by the
 * {@link PayloadConverter}s: {@code byte[]}, {@code String} (UTF-8), a protobuf
 * {@code Message} type, or any other type as JSON through the application's
 * {@code JsonMapper}; it may also take the {@link PubsubMessageEvent} and the
 * {@code MessageId}. Methods are called on the pubsub event thread, in the order messages
 * arrived, beside {@code @EventListener}s of {@link PubsubMessageEvent}. A method that
 * throws, or a payload that cannot be converted, is counted
 * ({@code libp2p.pubsub.listener.failures}) and logged (at debug for the payload, which
 * any peer can send) and does not keep the message from other listeners. Return values
 * are ignored.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PubsubListener {

	/**
	 * The topics to receive.
	 * @return the topics, at least one
	 */
	String[] topics();

	/**
	 * The listener's id, in logs and as the {@code listener} tag of its meters; the
	 * bean's class and method name when empty.
	 * @return the id
	 */
	String id() default "";

	/**
	 * A SpEL expression a message must meet to be handed to the method, evaluated with
	 * the {@link PubsubMessageEvent} as its root object and the converted payload as
	 * {@code #payload}: {@code "from != null"}, {@code "#payload.quantity() > 10"}.
	 * @return the condition, none when empty
	 */
	String condition() default "";

}
