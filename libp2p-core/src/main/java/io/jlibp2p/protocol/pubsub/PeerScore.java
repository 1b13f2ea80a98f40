package io.jlibp2p.protocol.pubsub;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.peer.PeerId;

/**
 * What gossipsub's router tells the peer scorer and asks it: every event that moves a
 * score, and the score itself. {@link #OFF} scores nothing, so the router never asks
 * whether scoring is on. Used on the swarm's thread only.
 */
interface PeerScore {

	/** No scoring: every peer scores 0 and events are ignored. */
	PeerScore OFF = new PeerScore() {
	};

	/**
	 * Returns a peer's score.
	 * @param peer the peer
	 * @return the score, 0 for a peer never seen
	 */
	default double score(PeerId peer) {
		return 0;
	}

	/**
	 * Sets the application's part (P5) of a peer's score.
	 * @param peer the peer
	 * @param score the unweighted score
	 */
	default void setApplicationScore(PeerId peer, double score) {
	}

	default void connected(PeerId peer, @Nullable String ip) {
	}

	default void disconnected(PeerId peer) {
	}

	default void grafted(PeerId peer, String topic) {
	}

	default void pruned(PeerId peer, String topic) {
	}

	/**
	 * Counts protocol breaches (P7): GRAFTs during backoff, broken IWANT promises.
	 * @param peer the peer
	 * @param count how many
	 */
	default void addPenalty(PeerId peer, int count) {
	}

	default void firstSeen(MessageId id) {
	}

	default void validated(PeerId from, MessageId id, String topic) {
	}

	default void rejected(PeerId from, @Nullable MessageId id, String topic) {
	}

	default void ignored(MessageId id) {
	}

	default void duplicate(PeerId from, MessageId id, String topic) {
	}

	/** Decays every counter; called every decay interval. */
	default void decay() {
	}

	/**
	 * This node left a topic: its mesh counters stop.
	 * @param topic the topic
	 */
	default void left(String topic) {
	}

}
