package io.jlibp2p.protocol.pubsub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.peer.PeerId;

/**
 * Gossipsub v1.0–v1.2: messages travel along a mesh of about {@code d} peers per topic,
 * kept in shape by a heartbeat that grafts and prunes ({@link Meshes}); other peers learn
 * of messages by IHAVE gossip and fetch them by IWANT ({@link GossipControl}). v1.1 adds
 * peer scoring, backoff and peer exchange ({@link PeerExchange}); v1.2 adds IDONTWANT for
 * large messages. Floodsub peers get every message of their topics.
 */
final class GossipRouter implements Router {

	private final PubsubView view;

	private final PubsubConfig config;

	private final GossipsubConfig params;

	private final PeerScoreThresholds thresholds;

	private final PeerScore score;

	private final RouterActions actions = new RouterActions();

	private final Meshes meshes;

	private final GossipControl gossip;

	GossipRouter(PubsubView view, PubsubConfig config) {
		this.view = view;
		this.config = config;
		this.params = config.gossipsub();
		this.thresholds = config.thresholds();
		PeerScoreParams scoring = config.scoring();
		this.score = (scoring != null) ? new PeerScoring(scoring, view::now, config.seenTtl()) : PeerScore.OFF;
		GossipPeers peers = new GossipPeers(view, new Random());
		PeerExchange exchange = new PeerExchange(view, this.actions, this.params.peerExchange().peers());
		this.meshes = new Meshes(view, this.actions, this.score, config, peers, exchange);
		this.gossip = new GossipControl(view, this.actions, this.score, this.params, peers);
	}

	@Override
	public List<String> protocols() {
		return List.of(Pubsub.MESHSUB_V12, Pubsub.MESHSUB_V11, Pubsub.MESHSUB_V10, Pubsub.FLOODSUB);
	}

	@Override
	public List<Timer> timers() {
		List<Timer> timers = new ArrayList<>();
		timers.add(
				new Timer(this.params.heartbeat().initialDelay(), this.params.heartbeat().interval(), this::heartbeat));
		PeerScoreParams scoring = this.config.scoring();
		if (scoring != null) {
			timers.add(new Timer(scoring.decayInterval(), scoring.decayInterval(), this.score::decay));
		}
		return timers;
	}

	@Override
	public List<RouterAction> takeActions() {
		return this.actions.take();
	}

	@Override
	public double score(PeerId peer) {
		return this.score.score(peer);
	}

	@Override
	public void setApplicationScore(PeerId peer, double value) {
		this.score.setApplicationScore(peer, value);
	}

	@Override
	public Set<PeerId> mesh(String topic) {
		return this.meshes.mesh(topic);
	}

	@Override
	public void peerAdded(PubsubPeer peer) {
		this.score.connected(peer.id(), peer.ip());
	}

	@Override
	public void peerRemoved(PubsubPeer peer) {
		this.meshes.peerRemoved(peer.id());
		this.gossip.peerRemoved(peer.id());
		this.score.disconnected(peer.id());
	}

	@Override
	public void unsubscribed(PubsubPeer peer, String topic) {
		this.meshes.unsubscribed(peer.id(), topic);
	}

	@Override
	public boolean accepts(PubsubPeer peer) {
		return this.score.score(peer.id()) >= this.thresholds.graylist();
	}

	@Override
	public void joined(String topic) {
		this.meshes.join(topic);
	}

	@Override
	public void left(String topic) {
		this.meshes.leave(topic);
	}

	@Override
	public void firstSeen(PubsubPeer from, MessageId id, PubsubProto.Message message) {
		this.score.firstSeen(id);
		this.gossip.firstSeen(from, id, message, this.meshes.mesh(message.getTopic()));
	}

	@Override
	public void duplicate(PubsubPeer from, MessageId id, String topic) {
		this.gossip.duplicate(id);
		this.score.duplicate(from.id(), id, topic);
	}

	@Override
	public void accepted(PubsubPeer from, MessageId id, PubsubProto.Message message) {
		this.score.validated(from.id(), id, message.getTopic());
		this.gossip.cache(id, message);
		String topic = message.getTopic();
		Set<PeerId> targets = new LinkedHashSet<>(this.meshes.mesh(topic));
		for (PubsubPeer peer : this.view.peersIn(topic)) {
			if (peer.speaks(Pubsub.FLOODSUB) && this.score.score(peer.id()) >= this.thresholds.publish()) {
				targets.add(peer.id());
			}
		}
		targets.remove(from.id());
		forward(targets, id, message);
	}

	@Override
	public void rejected(PubsubPeer from, @Nullable MessageId id, String topic) {
		this.score.rejected(from.id(), id, topic);
	}

	@Override
	public void ignored(MessageId id) {
		this.score.ignored(id);
	}

	@Override
	public int publish(MessageId id, PubsubProto.Message message) {
		String topic = message.getTopic();
		Set<PeerId> targets = new LinkedHashSet<>();
		for (PubsubPeer peer : this.view.peersIn(topic)) {
			boolean floods = this.params.floodPublish() || peer.speaks(Pubsub.FLOODSUB);
			if (floods && this.score.score(peer.id()) >= this.thresholds.publish()) {
				targets.add(peer.id());
			}
		}
		if (!this.params.floodPublish()) {
			targets.addAll(this.meshes.meshOrFanout(topic));
		}
		if (forward(targets, id, message) == 0) {
			return 0;
		}
		this.gossip.cache(id, message);
		this.meshes.published(topic);
		return targets.size();
	}

	private int forward(Set<PeerId> targets, MessageId id, PubsubProto.Message message) {
		targets.removeIf((target) -> this.view.peer(target) == null || MessageSigning.isAuthor(target, message)
				|| this.gossip.unwanted(target, id));
		if (!targets.isEmpty()) {
			this.actions.forward(id, message, targets);
		}
		return targets.size();
	}

	@Override
	public void control(PubsubPeer peer, PubsubProto.ControlMessage control) {
		if (peer.speaks(Pubsub.FLOODSUB)) {
			return;
		}
		Map<MessageId, PubsubProto.Message> wanted = new LinkedHashMap<>();
		if (this.score.score(peer.id()) >= this.thresholds.gossip()) {
			control.getIhaveList().forEach((ihave) -> this.gossip.ihave(peer, ihave));
			control.getIwantList().forEach((iwant) -> this.gossip.iwant(peer, iwant, wanted));
		}
		boolean refused = this.meshes.grafted(peer, control.getGraftList());
		control.getPruneList().forEach((prune) -> this.meshes.pruned(peer, prune));
		if (peer.speaks(Pubsub.MESHSUB_V12)) {
			control.getIdontwantList().forEach((idontwant) -> this.gossip.idontwant(peer, idontwant));
		}
		if (refused && wanted.isEmpty()) {
			this.actions.flushControl(peer.id());
		}
		// One RPC per message: many wanted messages together could exceed the peer's RPC
		// limit. The queued control rides along with the first.
		wanted.forEach((id, message) -> this.actions.forward(id, message, List.of(peer.id())));
	}

	/**
	 * Keeps every mesh between {@code dLow} and {@code dHigh} good peers, with enough
	 * outbound ones, tops up fanouts, gossips recent message ids and sends the control
	 * messages all that produced.
	 */
	void heartbeat() {
		this.gossip.heartbeatStarted();
		Map<PeerId, Double> cached = new HashMap<>();
		ToDoubleFunction<PeerId> scores = (peer) -> cached.computeIfAbsent(peer, this.score::score);
		boolean opportunistic = this.gossip.heartbeats() % this.params.opportunisticGraft().ticks() == 0;
		this.meshes.forEachMesh((topic, members) -> {
			this.meshes.maintain(topic, members, scores, opportunistic);
			this.gossip.gossip(topic, members, scores, this.thresholds.gossip());
		});
		this.meshes.maintainFanouts(scores,
				(topic, peers) -> this.gossip.gossip(topic, peers, scores, this.thresholds.gossip()));
		this.actions.flushControl(null);
		this.gossip.heartbeatEnded();
		this.meshes.expire();
		this.actions.meshChanged();
	}

}
