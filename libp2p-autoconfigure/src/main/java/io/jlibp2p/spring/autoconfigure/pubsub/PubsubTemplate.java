package io.jlibp2p.spring.autoconfigure.pubsub;

import java.util.concurrent.CompletableFuture;

import io.jlibp2p.protocol.pubsub.MessageId;
import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.spring.autoconfigure.payload.PayloadConverter;
import io.jlibp2p.spring.autoconfigure.payload.PayloadException;
import io.jlibp2p.spring.autoconfigure.payload.Payloads;

/**
 * Publishes objects, converted to bytes by the {@link PayloadConverter}s, as
 * {@code KafkaTemplate} sends them:
 *
 * <pre>{@code
 * template.publish("orders", new Order("o-1", 3)).join();
 * }</pre>
 */
public class PubsubTemplate {

	private final Pubsub pubsub;

	private final Payloads payloads;

	/**
	 * Creates the template.
	 * @param pubsub the pubsub behaviour
	 * @param payloads the converters
	 */
	public PubsubTemplate(Pubsub pubsub, Payloads payloads) {
		this.pubsub = pubsub;
		this.payloads = payloads;
	}

	/**
	 * Publishes a payload.
	 * @param topic the topic
	 * @param payload the payload: {@code byte[]}, {@code String}, a protobuf message, or
	 * anything the converters write
	 * @return the message's id once published; fails with {@link PayloadException} if the
	 * payload cannot be written, or as {@link Pubsub#publish} fails
	 */
	public CompletableFuture<MessageId> publish(String topic, Object payload) {
		byte[] data;
		try {
			data = this.payloads.write(payload);
		}
		catch (PayloadException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return this.pubsub.publish(topic, data);
	}

}
