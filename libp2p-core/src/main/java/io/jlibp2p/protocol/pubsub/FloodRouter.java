package io.jlibp2p.protocol.pubsub;

import java.util.ArrayList;
import java.util.List;

import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.peer.PeerId;

/**
 * Floodsub: every message goes to every peer subscribed to its topic, except the one it
 * came from and its author.
 */
final class FloodRouter implements Router {

	private final PubsubView view;

	private final RouterActions actions = new RouterActions();

	FloodRouter(PubsubView view) {
		this.view = view;
	}

	@Override
	public List<String> protocols() {
		return List.of(Pubsub.FLOODSUB);
	}

	@Override
	public List<RouterAction> takeActions() {
		return this.actions.take();
	}

	@Override
	public void accepted(PubsubPeer from, MessageId id, PubsubProto.Message message) {
		flood(id, message, from.id());
	}

	@Override
	public int publish(MessageId id, PubsubProto.Message message) {
		return flood(id, message, this.view.localPeer());
	}

	private int flood(MessageId id, PubsubProto.Message message, PeerId source) {
		List<PeerId> targets = new ArrayList<>();
		for (PubsubPeer peer : this.view.peersIn(message.getTopic())) {
			if (!peer.id().equals(source) && !MessageSigning.isAuthor(peer.id(), message)) {
				targets.add(peer.id());
			}
		}
		this.actions.forward(id, message, targets);
		return targets.size();
	}

}
