package io.jlibp2p.protocol.pubsub;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import com.google.protobuf.ByteString;

import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.peer.PeerId;

/**
 * Gossipsub's gossip: the message cache, IHAVE sent each heartbeat and answered with
 * IWANT, IWANT answered from the cache, the promises an IHAVE makes, and IDONTWANT (v1.2)
 * in both directions. Every count a peer can drive is bounded per heartbeat. Used on the
 * swarm's thread only.
 */
final class GossipControl {

	/** How many heartbeats an IDONTWANT is honoured, as go and rust do. */
	private static final int IDONTWANT_HEARTBEATS = 3;

	private final PubsubView view;

	private final RouterActions actions;

	private final PeerScore score;

	private final GossipsubConfig params;

	private final GossipPeers peers;

	private final MessageCache cache;

	private final Map<PeerId, Integer> ihavesReceived = new HashMap<>();

	private final Map<PeerId, Integer> idsAsked = new HashMap<>();

	private final Map<MessageId, Map<PeerId, Instant>> promises = new HashMap<>();

	private final Map<MessageId, Map<PeerId, Integer>> retransmissions = new HashMap<>();

	private final Map<PeerId, Map<MessageId, Long>> dontWant = new HashMap<>();

	private long heartbeats;

	GossipControl(PubsubView view, RouterActions actions, PeerScore score, GossipsubConfig params, GossipPeers peers) {
		this.view = view;
		this.actions = actions;
		this.score = score;
		this.params = params;
		this.peers = peers;
		this.cache = new MessageCache(params.gossip().historyLength(), params.gossip().historyGossip());
	}

	void cache(MessageId id, PubsubProto.Message message) {
		this.cache.put(id, message);
	}

	/**
	 * Returns whether a peer said it does not want a message.
	 * @param peer the peer
	 * @param id the message
	 * @return {@code true} if it sent IDONTWANT for it lately
	 */
	boolean unwanted(PeerId peer, MessageId id) {
		Map<MessageId, Long> unwanted = this.dontWant.get(peer);
		return unwanted != null && unwanted.containsKey(id);
	}

	void peerRemoved(PeerId peer) {
		this.dontWant.remove(peer);
		this.ihavesReceived.remove(peer);
		this.idsAsked.remove(peer);
	}

	/**
	 * A message arrived first: promises for it are kept, and a large one makes this node
	 * tell its other v1.2 mesh peers not to send it.
	 * @param from the peer it came from
	 * @param id its id
	 * @param message the message
	 * @param mesh its topic's mesh
	 */
	void firstSeen(PubsubPeer from, MessageId id, PubsubProto.Message message, Set<PeerId> mesh) {
		this.promises.remove(id);
		if (message.getData().size() < this.params.idontwant().minSize()) {
			return;
		}
		PubsubProto.ControlMessage control = PubsubProto.ControlMessage.newBuilder()
			.addIdontwant(PubsubProto.ControlIDontWant.newBuilder().addMessageIDs(bytes(id)))
			.build();
		for (PeerId member : mesh) {
			PubsubPeer peer = this.view.peer(member);
			if (peer != null && peer != from && peer.speaks(Pubsub.MESHSUB_V12)) {
				this.actions.queueControl(member, control);
				this.actions.flushControl(member);
			}
		}
	}

	void duplicate(MessageId id) {
		this.promises.remove(id);
	}

	/**
	 * Asks for the advertised messages this node has not seen, within the per-heartbeat
	 * limits, and remembers the promise.
	 * @param peer the peer
	 * @param ihave its IHAVE
	 */
	void ihave(PubsubPeer peer, PubsubProto.ControlIHave ihave) {
		int received = this.ihavesReceived.merge(peer.id(), 1, Integer::sum);
		int asked = this.idsAsked.getOrDefault(peer.id(), 0);
		if (received > this.params.gossip().maxIHaveMessages() || asked >= this.params.gossip().maxIHaveLength()
				|| !this.view.subscribed(ihave.getTopicID())) {
			return;
		}
		List<ByteString> unknown = new ArrayList<>();
		Set<MessageId> distinct = new HashSet<>();
		for (ByteString bytes : ihave.getMessageIDsList()) {
			MessageId id = MessageId.of(bytes.toByteArray());
			if (!this.view.seen(id) && distinct.add(id)) {
				unknown.add(bytes);
			}
		}
		if (unknown.isEmpty()) {
			return;
		}
		this.peers.shuffle(unknown);
		int allowed = Math.min(unknown.size(), this.params.gossip().maxIHaveLength() - asked);
		List<ByteString> request = unknown.subList(0, allowed);
		this.idsAsked.put(peer.id(), asked + allowed);
		Instant deadline = this.view.now().plus(this.params.gossip().iwantFollowupTime());
		for (ByteString bytes : request) {
			this.promises.computeIfAbsent(MessageId.of(bytes.toByteArray()), (id) -> new HashMap<>())
				.putIfAbsent(peer.id(), deadline);
		}
		this.actions.queueControl(peer.id(),
				PubsubProto.ControlMessage.newBuilder()
					.addIwant(PubsubProto.ControlIWant.newBuilder().addAllMessageIDs(request))
					.build());
	}

	/**
	 * Collects the cached messages a peer asked for, each at most
	 * {@code gossipRetransmission} times per peer.
	 * @param peer the peer
	 * @param iwant its IWANT
	 * @param wanted where the messages go, each once
	 */
	void iwant(PubsubPeer peer, PubsubProto.ControlIWant iwant, Map<MessageId, PubsubProto.Message> wanted) {
		for (ByteString bytes : iwant.getMessageIDsList()) {
			MessageId id = MessageId.of(bytes.toByteArray());
			PubsubProto.Message message = this.cache.get(id);
			if (message == null) {
				continue;
			}
			int count = this.retransmissions.computeIfAbsent(id, (key) -> new HashMap<>())
				.merge(peer.id(), 1, Integer::sum);
			if (count <= this.params.gossip().retransmission() && !MessageSigning.isAuthor(peer.id(), message)) {
				wanted.putIfAbsent(id, message);
			}
		}
	}

	void idontwant(PubsubPeer peer, PubsubProto.ControlIDontWant idontwant) {
		Map<MessageId, Long> unwanted = this.dontWant.computeIfAbsent(peer.id(), (id) -> new HashMap<>());
		long expiry = this.heartbeats + IDONTWANT_HEARTBEATS;
		for (ByteString bytes : idontwant.getMessageIDsList()) {
			if (unwanted.size() >= this.params.idontwant().maxMessages()) {
				return;
			}
			unwanted.put(MessageId.of(bytes.toByteArray()), expiry);
		}
	}

	/**
	 * Starts a heartbeat: the per-heartbeat counts start again and broken promises count
	 * against their peers.
	 */
	void heartbeatStarted() {
		this.heartbeats++;
		this.ihavesReceived.clear();
		this.idsAsked.clear();
		Instant now = this.view.now();
		Iterator<Map<PeerId, Instant>> pending = this.promises.values().iterator();
		while (pending.hasNext()) {
			Map<PeerId, Instant> byPeer = pending.next();
			byPeer.entrySet().removeIf((entry) -> {
				if (entry.getValue().isBefore(now)) {
					this.score.addPenalty(entry.getKey(), 1);
					return true;
				}
				return false;
			});
			if (byPeer.isEmpty()) {
				pending.remove();
			}
		}
	}

	/**
	 * Advertises the topic's recent messages in IHAVE to peers outside {@code exclude}.
	 * @param topic the topic
	 * @param exclude the peers that get the messages anyway
	 * @param scores the scores of this heartbeat
	 * @param threshold the least score that gets gossip
	 */
	void gossip(String topic, Set<PeerId> exclude, ToDoubleFunction<PeerId> scores, double threshold) {
		List<MessageId> ids = this.cache.gossipIds(topic);
		if (ids.isEmpty()) {
			return;
		}
		List<PubsubPeer> candidates = this.peers.pick(topic, Integer.MAX_VALUE,
				(peer) -> !exclude.contains(peer.id()) && scores.applyAsDouble(peer.id()) >= threshold);
		int target = Math.max(this.params.gossip().dLazy(), (int) (this.params.gossip().factor() * candidates.size()));
		for (PubsubPeer peer : candidates.subList(0, Math.min(target, candidates.size()))) {
			List<MessageId> advertised = new ArrayList<>(ids);
			this.peers.shuffle(advertised);
			PubsubProto.ControlIHave.Builder ihave = PubsubProto.ControlIHave.newBuilder().setTopicID(topic);
			advertised.stream()
				.limit(this.params.gossip().maxIHaveLength())
				.forEach((id) -> ihave.addMessageIDs(bytes(id)));
			this.actions.queueControl(peer.id(), PubsubProto.ControlMessage.newBuilder().addIhave(ihave).build());
		}
	}

	/** Ends a heartbeat: the cache shifts and what expired is forgotten. */
	void heartbeatEnded() {
		this.cache.shift();
		this.retransmissions.keySet().removeIf((id) -> this.cache.get(id) == null);
		for (Map<MessageId, Long> unwanted : this.dontWant.values()) {
			unwanted.values().removeIf((expiry) -> expiry <= this.heartbeats);
		}
		this.dontWant.values().removeIf(Map::isEmpty);
	}

	long heartbeats() {
		return this.heartbeats;
	}

	static ByteString bytes(MessageId id) {
		return ByteString.copyFrom(id.bytesUnsafe());
	}

}
