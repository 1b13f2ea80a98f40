package io.jlibp2p.protocol.pubsub;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.peer.PeerId;

/**
 * How messages spread: the part of pubsub that floodsub and gossipsub do differently.
 * {@link Pubsub} owns peers, subscriptions, signing, validation, delivery and all
 * sending; it tells the router what happened, and the router reads pubsub's state through
 * a {@link PubsubView} and answers with {@link RouterAction}s, which pubsub takes after
 * every call. Every call comes on the swarm's thread.
 */
interface Router {

	/**
	 * Returns the protocols to offer when opening a stream, in order of preference.
	 * @return protocol ids
	 */
	List<String> protocols();

	/**
	 * Returns the timers the router needs; pubsub runs them while it is part of a swarm.
	 * @return the timers
	 */
	default List<Timer> timers() {
		return List.of();
	}

	/**
	 * Returns what the router decided since the last call, in order.
	 * @return the decisions
	 */
	List<RouterAction> takeActions();

	default void peerAdded(PubsubPeer peer) {
	}

	default void peerRemoved(PubsubPeer peer) {
	}

	default void unsubscribed(PubsubPeer peer, String topic) {
	}

	/** This node subscribed to a topic. */
	default void joined(String topic) {
	}

	/** This node unsubscribed from a topic. */
	default void left(String topic) {
	}

	/**
	 * Returns whether anything a peer sends is still looked at.
	 * @param peer the peer
	 * @return {@code false} for a graylisted peer
	 */
	default boolean accepts(PubsubPeer peer) {
		return true;
	}

	default void control(PubsubPeer peer, PubsubProto.ControlMessage control) {
	}

	/** A message arrived for the first time and is about to be validated. */
	default void firstSeen(PubsubPeer from, MessageId id, PubsubProto.Message message) {
	}

	default void duplicate(PubsubPeer from, MessageId id, String topic) {
	}

	/** A received message passed validation: forward it. */
	void accepted(PubsubPeer from, MessageId id, PubsubProto.Message message);

	default void rejected(PubsubPeer from, @Nullable MessageId id, String topic) {
	}

	default void ignored(MessageId id) {
	}

	/**
	 * This node published a message: send it out, unless no peer is there to take it.
	 * @param id the message's id
	 * @param message the message
	 * @return how many peers it was sent to; 0 leaves no trace of it
	 */
	int publish(MessageId id, PubsubProto.Message message);

	/**
	 * Returns a topic's mesh.
	 * @param topic the topic
	 * @return the mesh peers, empty for floodsub
	 */
	default Set<PeerId> mesh(String topic) {
		return Set.of();
	}

	/**
	 * Returns a peer's score.
	 * @param peer the peer
	 * @return the score, 0 without scoring
	 */
	default double score(PeerId peer) {
		return 0;
	}

	/**
	 * Sets the application's part (P5) of a peer's score.
	 * @param peer the peer
	 * @param score the score
	 */
	default void setApplicationScore(PeerId peer, double score) {
	}

	/**
	 * A task a router runs periodically, after which pubsub takes its decisions.
	 *
	 * @param initialDelay time to the first run
	 * @param interval time between runs
	 * @param task the task
	 */
	record Timer(Duration initialDelay, Duration interval, Runnable task) {
	}

}
