package io.jlibp2p.protocol.pubsub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.SignedPeerRecord;

/**
 * The decisions a router made since {@link Pubsub} last took them. Used on the swarm's
 * thread only.
 */
final class RouterActions {

	private List<RouterAction> actions = new ArrayList<>();

	void forward(MessageId id, PubsubProto.Message message, Collection<PeerId> targets) {
		if (!targets.isEmpty()) {
			this.actions.add(new RouterAction.Forward(id, message, List.copyOf(targets)));
		}
	}

	void queueControl(PeerId peer, PubsubProto.ControlMessage control) {
		this.actions.add(new RouterAction.QueueControl(peer, control));
	}

	void flushControl(@Nullable PeerId peer) {
		this.actions.add(new RouterAction.FlushControl(peer));
	}

	void dial(PeerId peer, @Nullable SignedPeerRecord record, Duration addressTtl) {
		this.actions.add(new RouterAction.Dial(peer, record, addressTtl));
	}

	void meshChanged() {
		this.actions.add(new RouterAction.MeshChanged());
	}

	/**
	 * Returns the decisions in the order they were made and forgets them.
	 * @return the decisions
	 */
	List<RouterAction> take() {
		if (this.actions.isEmpty()) {
			return List.of();
		}
		List<RouterAction> taken = this.actions;
		this.actions = new ArrayList<>();
		return taken;
	}

}
