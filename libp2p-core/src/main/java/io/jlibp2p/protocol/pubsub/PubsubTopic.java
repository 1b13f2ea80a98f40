package io.jlibp2p.protocol.pubsub;

import java.util.List;

import io.jlibp2p.peer.PeerId;

/**
 * What this node knows of a topic.
 *
 * @param topic the topic
 * @param subscribed whether this node subscribes to it
 * @param peers connected peers that subscribe to it
 * @param mesh the gossipsub mesh peers of this node in the topic
 */
public record PubsubTopic(String topic, boolean subscribed, List<PeerId> peers, List<PeerId> mesh) {

	public PubsubTopic {
		peers = List.copyOf(peers);
		mesh = List.copyOf(mesh);
	}

}
