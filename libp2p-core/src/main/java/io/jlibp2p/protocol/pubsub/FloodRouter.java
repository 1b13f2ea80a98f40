package io.jlibp2p.protocol.pubsub;

import java.util.List;

import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.peer.PeerId;

/**
 * Floodsub: every message goes to every peer subscribed to its topic, except the one it
 * came from and its author.
 */
final class FloodRouter implements Router {

	private final Pubsub pubsub;

	FloodRouter(Pubsub pubsub) {
		this.pubsub = pubsub;
	}

	@Override
	public List<String> protocols() {
		return List.of(Pubsub.FLOODSUB);
	}

	@Override
	public void accepted(PubsubPeer from, MessageId id, PubsubProto.Message message) {
		flood(message, from.id());
	}

	@Override
	public void publish(MessageId id, PubsubProto.Message message) {
		flood(message, this.pubsub.localPeer());
	}

	private void flood(PubsubProto.Message message, PeerId source) {
		for (PubsubPeer peer : this.pubsub.peersIn(message.getTopic())) {
			if (!peer.id().equals(source) && !Pubsub.isAuthor(peer.id(), message)) {
				this.pubsub.sendMessage(peer, message);
			}
		}
	}

}
