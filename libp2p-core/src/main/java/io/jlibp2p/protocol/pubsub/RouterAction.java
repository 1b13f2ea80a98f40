package io.jlibp2p.protocol.pubsub;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.SignedPeerRecord;

/**
 * What a {@link Router} decided, for {@link Pubsub} to carry out in order.
 */
sealed interface RouterAction {

	/**
	 * Send a message to peers, each in an RPC of its own with whatever control waits for
	 * that peer.
	 *
	 * @param id the message's id
	 * @param message the message
	 * @param targets the peers
	 */
	record Forward(MessageId id, PubsubProto.Message message, List<PeerId> targets) implements RouterAction {

		public Forward {
			// List.copyOf returns an immutable list as it is, so the copy is made once.
			targets = List.copyOf(targets);
		}

	}

	/**
	 * Queue control for a peer, to ride on the next RPC sent to it.
	 *
	 * @param peer the peer
	 * @param control the control
	 */
	record QueueControl(PeerId peer, PubsubProto.ControlMessage control) implements RouterAction {
	}

	/**
	 * Send the control queued for a peer now, or for every peer.
	 *
	 * @param peer the peer, {@code null} for all peers
	 */
	record FlushControl(@Nullable PeerId peer) implements RouterAction {
	}

	/**
	 * Connect to a peer learnt by peer exchange.
	 *
	 * @param peer the peer
	 * @param record its signed peer record, whose addresses are dialed, if it came with
	 * one
	 * @param addressTtl how long the record's addresses are kept
	 */
	record Dial(PeerId peer, @Nullable SignedPeerRecord record, Duration addressTtl) implements RouterAction {
	}

	/** A mesh changed: the topic view others read is out of date. */
	record MeshChanged() implements RouterAction {
	}

}
