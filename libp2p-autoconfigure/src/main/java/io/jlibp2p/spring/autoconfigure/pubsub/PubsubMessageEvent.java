package io.jlibp2p.spring.autoconfigure.pubsub;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.pubsub.MessageId;
import io.jlibp2p.protocol.pubsub.PubsubMessage;

/**
 * A pubsub message that passed validation, published as a Spring application event:
 *
 * <pre>{@code
 * &#64;EventListener(condition = "#event.topic() == 'orders'")
 * void onOrder(PubsubMessageEvent event) {
 *     process(event.text());
 * }
 * }</pre>
 *
 * Events are published on one thread of their own, in the order messages arrived. The
 * event carries pubsub's own {@link PubsubMessage}; its parts are at hand here too.
 *
 * @param message the message
 */
public record PubsubMessageEvent(PubsubMessage message) {

	/**
	 * Returns the topic.
	 * @return the topic, exactly as on the wire
	 */
	public String topic() {
		return this.message.topic();
	}

	/**
	 * Returns the payload.
	 * @return the payload; do not modify it
	 */
	public byte[] data() {
		return this.message.data();
	}

	/**
	 * Returns the author.
	 * @return the author, {@code null} for unsigned messages
	 */
	public @Nullable PeerId from() {
		return this.message.from();
	}

	/**
	 * Returns the message id.
	 * @return the id
	 */
	public MessageId messageId() {
		return this.message.id();
	}

	/**
	 * Returns the peer that forwarded the message.
	 * @return the peer
	 */
	public @Nullable PeerId receivedFrom() {
		return this.message.receivedFrom();
	}

	/**
	 * Returns when the message arrived.
	 * @return the time
	 */
	public Instant receivedAt() {
		return this.message.receivedAt();
	}

	/**
	 * Returns the payload as UTF-8 text.
	 * @return the text, with malformed bytes replaced
	 */
	public String text() {
		return new String(this.message.data(), StandardCharsets.UTF_8);
	}

}
