package io.jlibp2p.protocol.pubsub;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.peer.PeerId;

/**
 * A pubsub message as the application sees it.
 *
 * @param id the message id
 * @param topic the topic, exactly as on the wire
 * @param data the payload; do not modify it
 * @param from the author, {@code null} under the StrictNoSign policy
 * @param sequenceNumber the author's sequence number, {@code null} under StrictNoSign
 * @param receivedFrom the peer that forwarded it to this node, {@code null} for messages
 * this node published
 * @param receivedAt when this node received or published it
 */
public record PubsubMessage(MessageId id, String topic, byte[] data, @Nullable PeerId from,
		@Nullable Long sequenceNumber, @Nullable PeerId receivedFrom, Instant receivedAt) {

}
