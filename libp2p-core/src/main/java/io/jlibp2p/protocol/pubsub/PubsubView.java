package io.jlibp2p.protocol.pubsub;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.SignedPeerRecord;

/**
 * What a {@link Router} may read of pubsub's state: peers, their topics, this node's
 * subscriptions and the seen cache. Routers change nothing through it; they answer with
 * {@link RouterAction}s that {@link Pubsub} carries out.
 */
interface PubsubView {

	PeerId localPeer();

	Instant now();

	/**
	 * Returns whether this node subscribes to a topic.
	 * @param topic the topic
	 * @return {@code true} if subscribed
	 */
	boolean subscribed(String topic);

	/**
	 * Returns whether a message id is in the seen cache.
	 * @param id the id
	 * @return {@code true} if seen within the cache's TTL
	 */
	boolean seen(MessageId id);

	@Nullable PubsubPeer peer(PeerId id);

	/**
	 * Returns the peers subscribed to a topic whose stream is open.
	 * @param topic the topic
	 * @return the peers
	 */
	List<PubsubPeer> peersIn(String topic);

	/**
	 * Returns the newest signed peer record identify brought for a peer, for peer
	 * exchange.
	 * @param peer the peer
	 * @return the record, if any
	 */
	Optional<SignedPeerRecord> signedPeerRecord(PeerId peer);

}
