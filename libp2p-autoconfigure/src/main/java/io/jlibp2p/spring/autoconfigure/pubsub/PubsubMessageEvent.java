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
 * Events are published on one thread of their own, in the order messages arrived.
 *
 * @param topic the topic
 * @param data the payload; do not modify it
 * @param from the author, {@code null} for unsigned messages
 * @param messageId the message id
 * @param receivedFrom the peer that forwarded the message
 * @param receivedAt when it arrived
 */
public record PubsubMessageEvent(String topic, byte[] data, @Nullable PeerId from, MessageId messageId,
		@Nullable PeerId receivedFrom, Instant receivedAt) {

	static PubsubMessageEvent of(PubsubMessage message) {
		return new PubsubMessageEvent(message.topic(), message.data(), message.from(), message.id(),
				message.receivedFrom(), message.receivedAt());
	}

	/**
	 * Returns the payload as UTF-8 text.
	 * @return the text, with malformed bytes replaced
	 */
	public String text() {
		return new String(this.data, StandardCharsets.UTF_8);
	}

}
