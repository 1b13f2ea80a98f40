package io.jlibp2p.spring.autoconfigure.view;

import java.util.List;

import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.pubsub.PubsubTopic;

/**
 * A pubsub topic.
 *
 * @param topic the topic
 * @param subscribed whether this node subscribes to it
 * @param peers connected peers subscribed to it
 * @param mesh this node's gossipsub mesh peers in it
 */
public record TopicView(String topic, boolean subscribed, List<String> peers, List<String> mesh) {

	/**
	 * Describes a topic.
	 * @param topic the topic as pubsub sees it
	 * @return the view
	 */
	public static TopicView of(PubsubTopic topic) {
		return new TopicView(topic.topic(), topic.subscribed(), topic.peers().stream().map(PeerId::toString).toList(),
				topic.mesh().stream().map(PeerId::toString).toList());
	}

}
