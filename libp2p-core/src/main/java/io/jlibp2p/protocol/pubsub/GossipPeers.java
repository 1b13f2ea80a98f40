package io.jlibp2p.protocol.pubsub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Picks random gossipsub peers of a topic, for meshes, fanouts and gossip.
 */
final class GossipPeers {

	private final PubsubView view;

	private final Random random;

	GossipPeers(PubsubView view, Random random) {
		this.view = view;
		this.random = random;
	}

	/**
	 * Picks random gossipsub peers of a topic; floodsub peers never qualify.
	 * @param topic the topic
	 * @param count how many at most
	 * @param filter which peers qualify
	 * @return the peers, in random order
	 */
	List<PubsubPeer> pick(String topic, int count, Predicate<PubsubPeer> filter) {
		List<PubsubPeer> candidates = new ArrayList<>();
		for (PubsubPeer peer : this.view.peersIn(topic)) {
			if (!peer.speaks(Pubsub.FLOODSUB) && filter.test(peer)) {
				candidates.add(peer);
			}
		}
		Collections.shuffle(candidates, this.random);
		return (candidates.size() > count) ? candidates.subList(0, Math.max(0, count)) : candidates;
	}

	<T> void shuffle(List<T> list) {
		Collections.shuffle(list, this.random);
	}

}
