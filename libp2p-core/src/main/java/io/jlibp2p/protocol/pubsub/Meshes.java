package io.jlibp2p.protocol.pubsub;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.peer.PeerId;

/**
 * Gossipsub's meshes and fanouts: who this node forwards a topic's messages to, the
 * GRAFTs and PRUNEs that change that, their backoffs, and the heartbeat's upkeep. Used on
 * the swarm's thread only.
 */
final class Meshes {

	private final PubsubView view;

	private final RouterActions actions;

	private final PeerScore score;

	private final GossipsubConfig params;

	private final PeerScoreThresholds thresholds;

	private final GossipPeers peers;

	private final PeerExchange exchange;

	private final Backoffs backoffs = new Backoffs();

	private final Map<String, Set<PeerId>> mesh = new HashMap<>();

	private final Map<String, Set<PeerId>> fanout = new HashMap<>();

	private final Map<String, Instant> lastPublished = new HashMap<>();

	Meshes(PubsubView view, RouterActions actions, PeerScore score, PubsubConfig config, GossipPeers peers,
			PeerExchange exchange) {
		this.view = view;
		this.actions = actions;
		this.score = score;
		this.params = config.gossipsub();
		this.thresholds = config.thresholds();
		this.peers = peers;
		this.exchange = exchange;
	}

	Set<PeerId> mesh(String topic) {
		return Collections.unmodifiableSet(this.mesh.getOrDefault(topic, Set.of()));
	}

	/**
	 * Visits every mesh of a topic this node subscribes to.
	 * @param visitor takes the topic and its mesh
	 */
	void forEachMesh(BiConsumer<String, Set<PeerId>> visitor) {
		this.mesh.forEach(visitor);
	}

	/**
	 * Returns the peers a message of this node's goes to when it does not flood: the mesh
	 * when subscribed, the topic's fanout otherwise.
	 * @param topic the topic
	 * @return the peers
	 */
	Set<PeerId> meshOrFanout(String topic) {
		return this.view.subscribed(topic) ? mesh(topic) : fanout(topic);
	}

	/**
	 * Records that this node published to a topic, which keeps its fanout while it does
	 * not subscribe.
	 * @param topic the topic
	 */
	void published(String topic) {
		if (!this.view.subscribed(topic)) {
			this.lastPublished.put(topic, this.view.now());
		}
	}

	void join(String topic) {
		Set<PeerId> members = new LinkedHashSet<>();
		Set<PeerId> previous = this.fanout.remove(topic);
		this.lastPublished.remove(topic);
		if (previous != null) {
			previous.stream()
				.filter((peer) -> !inBackoff(topic, peer) && this.score.score(peer) >= 0)
				.limit(this.params.mesh().d())
				.forEach(members::add);
		}
		if (members.size() < this.params.mesh().d()) {
			this.peers
				.pick(topic, this.params.mesh().d() - members.size(),
						(peer) -> !members.contains(peer.id()) && !inBackoff(topic, peer.id())
								&& this.score.score(peer.id()) >= 0)
				.forEach((peer) -> members.add(peer.id()));
		}
		this.mesh.put(topic, members);
		members.forEach((peer) -> graft(peer, topic));
		this.actions.flushControl(null);
	}

	void leave(String topic) {
		Set<PeerId> members = this.mesh.remove(topic);
		if (members != null) {
			members.forEach((peer) -> prune(peer, topic, this.params.backoff().unsubscribe(), false));
			this.actions.flushControl(null);
		}
		this.score.left(topic);
	}

	void peerRemoved(PeerId peer) {
		this.mesh.values().forEach((members) -> members.remove(peer));
		this.fanout.values().forEach((members) -> members.remove(peer));
	}

	void unsubscribed(PeerId peer, String topic) {
		Set<PeerId> members = this.mesh.get(topic);
		if (members != null && members.remove(peer)) {
			this.score.pruned(peer, topic);
		}
		Set<PeerId> fanoutPeers = this.fanout.get(topic);
		if (fanoutPeers != null) {
			fanoutPeers.remove(peer);
		}
	}

	/**
	 * Takes a peer's GRAFTs into the meshes and answers the refused ones with a PRUNE,
	 * which carries other peers only when the mesh was full: not for a peer that broke
	 * the backoff or scores below zero.
	 * @param peer the peer
	 * @param grafts its GRAFTs
	 * @return whether any was refused
	 */
	boolean grafted(PubsubPeer peer, List<PubsubProto.ControlGraft> grafts) {
		Map<String, Boolean> refused = new LinkedHashMap<>();
		for (PubsubProto.ControlGraft graft : grafts) {
			String topic = graft.getTopicID();
			Set<PeerId> members = this.mesh.get(topic);
			if (members == null || members.contains(peer.id())) {
				continue;
			}
			Instant until = this.backoffs.until(topic, peer.id());
			Instant now = this.view.now();
			if (until != null && until.isAfter(now)) {
				// Grafting during backoff is a protocol breach (P7); doing it right after
				// the prune suggests a flood and counts twice.
				Instant floodLimit = now.plus(this.params.backoff().prune())
					.minus(this.params.backoff().graftFloodThreshold());
				this.score.addPenalty(peer.id(), until.isAfter(floodLimit) ? 2 : 1);
				refused.put(topic, false);
			}
			else if (this.score.score(peer.id()) < 0) {
				refused.put(topic, false);
			}
			else if (members.size() >= this.params.mesh().dHigh() && !peer.outbound()) {
				refused.put(topic, true);
			}
			else {
				members.add(peer.id());
				this.score.grafted(peer.id(), topic);
				this.actions.meshChanged();
			}
		}
		refused
			.forEach((topic, exchangePeers) -> prune(peer.id(), topic, this.params.backoff().prune(), exchangePeers));
		return !refused.isEmpty();
	}

	/**
	 * Takes a peer's PRUNE for a topic of this node's: out of the mesh, the backoff it
	 * asked for, and the peers it offered followed when it scores well enough.
	 * @param peer the peer
	 * @param prune the PRUNE
	 */
	void pruned(PubsubPeer peer, PubsubProto.ControlPrune prune) {
		String topic = prune.getTopicID();
		Set<PeerId> members = this.mesh.get(topic);
		if (members == null) {
			// Not a topic of this node's (go does the same): a PRUNE for it would only
			// leave
			// a backoff entry behind for as long as the peer asked.
			return;
		}
		if (members.remove(peer.id())) {
			this.score.pruned(peer.id(), topic);
			this.actions.meshChanged();
		}
		Duration wait = Backoffs.requested(prune.getBackoff(), this.params.backoff().prune());
		this.backoffs.set(topic, peer.id(), this.view.now().plus(wait));
		if (prune.getPeersCount() > 0 && this.score.score(peer.id()) >= this.thresholds.acceptPeerExchange()) {
			this.exchange.follow(prune.getPeersList());
		}
	}

	/**
	 * Keeps a mesh between {@code dLow} and {@code dHigh} good peers with enough outbound
	 * ones, and grafts opportunistically when its median score is low.
	 * @param topic the topic
	 * @param members its mesh
	 * @param scores the scores of this heartbeat
	 * @param opportunistic whether this heartbeat grafts opportunistically
	 */
	void maintain(String topic, Set<PeerId> members, ToDoubleFunction<PeerId> scores, boolean opportunistic) {
		for (PeerId peer : List.copyOf(members)) {
			PubsubPeer connected = this.view.peer(peer);
			if (connected == null || !connected.topics().contains(topic)) {
				members.remove(peer);
			}
			else if (scores.applyAsDouble(peer) < 0) {
				members.remove(peer);
				prune(peer, topic, this.params.backoff().prune(), false);
			}
		}
		Predicate<PubsubPeer> graftable = (peer) -> !members.contains(peer.id()) && !inBackoff(topic, peer.id())
				&& scores.applyAsDouble(peer.id()) >= 0;
		if (members.size() < this.params.mesh().dLow()) {
			addToMesh(topic, members, this.peers.pick(topic, this.params.mesh().d() - members.size(), graftable));
		}
		if (members.size() > this.params.mesh().dHigh()) {
			shrink(topic, members, scores);
		}
		if (members.size() >= this.params.mesh().dLow()) {
			long outbound = members.stream().filter(this::isOutbound).count();
			if (outbound < this.params.mesh().dOut()) {
				addToMesh(topic, members, this.peers.pick(topic, this.params.mesh().dOut() - (int) outbound,
						graftable.and(PubsubPeer::outbound)));
			}
		}
		if (opportunistic && members.size() > 1) {
			List<Double> sorted = members.stream().map(scores::applyAsDouble).sorted().toList();
			double median = sorted.get(sorted.size() / 2);
			if (median < this.thresholds.opportunisticGraft()) {
				addToMesh(topic, members, this.peers.pick(topic, this.params.opportunisticGraft().peers(),
						graftable.and((peer) -> scores.applyAsDouble(peer.id()) > median)));
			}
		}
	}

	private boolean isOutbound(PeerId id) {
		PubsubPeer peer = this.view.peer(id);
		return peer != null && peer.outbound();
	}

	private void addToMesh(String topic, Set<PeerId> members, List<PubsubPeer> added) {
		for (PubsubPeer peer : added) {
			members.add(peer.id());
			graft(peer.id(), topic);
		}
	}

	/**
	 * Prunes an oversized mesh to {@code d}: the {@code dScore} best peers stay, the rest
	 * are chosen at random, and at least {@code dOut} outbound peers stay.
	 */
	private void shrink(String topic, Set<PeerId> members, ToDoubleFunction<PeerId> scores) {
		List<PeerId> ranked = new ArrayList<>(members);
		this.peers.shuffle(ranked);
		ranked.sort(Comparator.comparingDouble(scores).reversed());
		List<PeerId> rest = new ArrayList<>(ranked.subList(this.params.mesh().dScore(), ranked.size()));
		this.peers.shuffle(rest);
		List<PeerId> kept = new ArrayList<>(ranked.subList(0, this.params.mesh().dScore()));
		kept.addAll(rest);
		kept = new ArrayList<>(kept.subList(0, this.params.mesh().d()));
		long outbound = kept.stream().filter(this::isOutbound).count();
		if (outbound < this.params.mesh().dOut()) {
			List<PeerId> spareOutbound = new ArrayList<>(ranked);
			spareOutbound.removeAll(kept);
			spareOutbound.removeIf((peer) -> !isOutbound(peer));
			Iterator<PeerId> swapIn = spareOutbound.iterator();
			for (int i = kept.size() - 1; i >= 0 && outbound < this.params.mesh().dOut() && swapIn.hasNext(); i--) {
				if (!isOutbound(kept.get(i))) {
					kept.set(i, swapIn.next());
					outbound++;
				}
			}
		}
		for (PeerId peer : ranked) {
			if (!kept.contains(peer)) {
				members.remove(peer);
				prune(peer, topic, this.params.backoff().prune(), true);
			}
		}
	}

	/**
	 * Forgets fanouts of topics not published to for the fanout TTL and keeps the others
	 * topped up with peers above the publish threshold.
	 * @param scores the scores of this heartbeat
	 * @param visitor takes each fanout topic and its peers after upkeep, for gossip
	 */
	void maintainFanouts(ToDoubleFunction<PeerId> scores, BiConsumer<String, Set<PeerId>> visitor) {
		Instant expired = this.view.now().minus(this.params.heartbeat().fanoutTtl());
		this.lastPublished.entrySet().removeIf((entry) -> {
			if (entry.getValue().isBefore(expired)) {
				this.fanout.remove(entry.getKey());
				return true;
			}
			return false;
		});
		for (Map.Entry<String, Set<PeerId>> entry : this.fanout.entrySet()) {
			String topic = entry.getKey();
			entry.getValue().removeIf((peer) -> {
				PubsubPeer connected = this.view.peer(peer);
				return connected == null || !connected.topics().contains(topic)
						|| scores.applyAsDouble(peer) < this.thresholds.publish();
			});
			visitor.accept(topic, fanout(topic));
		}
	}

	private Set<PeerId> fanout(String topic) {
		Set<PeerId> members = this.fanout.computeIfAbsent(topic, (t) -> new LinkedHashSet<>());
		if (members.size() < this.params.mesh().d()) {
			this.peers
				.pick(topic, this.params.mesh().d() - members.size(),
						(peer) -> !members.contains(peer.id())
								&& this.score.score(peer.id()) >= this.thresholds.publish())
				.forEach((peer) -> members.add(peer.id()));
		}
		return members;
	}

	void expire() {
		this.backoffs.expire(this.view.now());
	}

	private boolean inBackoff(String topic, PeerId peer) {
		return this.backoffs.active(topic, peer, this.view.now());
	}

	private void graft(PeerId peer, String topic) {
		this.actions.queueControl(peer,
				PubsubProto.ControlMessage.newBuilder()
					.addGraft(PubsubProto.ControlGraft.newBuilder().setTopicID(topic))
					.build());
		this.score.grafted(peer, topic);
	}

	private void prune(PeerId peer, String topic, Duration backoff, boolean exchangePeers) {
		PubsubProto.ControlPrune.Builder prune = PubsubProto.ControlPrune.newBuilder()
			.setTopicID(topic)
			.setBackoff(backoff.toSeconds());
		PubsubPeer target = this.view.peer(peer);
		if (exchangePeers && this.params.peerExchange().enabled() && target != null
				&& !target.speaks(Pubsub.MESHSUB_V10)) {
			this.exchange.offer(prune, this.peers.pick(topic, this.params.peerExchange().peers(),
					(candidate) -> !candidate.id().equals(peer) && this.score.score(candidate.id()) >= 0));
		}
		this.actions.queueControl(peer, PubsubProto.ControlMessage.newBuilder().addPrune(prune).build());
		this.backoffs.set(topic, peer, this.view.now().plus(backoff));
		this.score.pruned(peer, topic);
	}

}
