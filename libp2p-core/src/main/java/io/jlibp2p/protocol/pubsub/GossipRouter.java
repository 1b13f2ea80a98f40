package io.jlibp2p.protocol.pubsub;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import com.google.protobuf.ByteString;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.PeerStore;
import io.jlibp2p.peer.SignedPeerRecord;
import io.jlibp2p.time.Scheduler;

/**
 * Gossipsub v1.0–v1.2: messages travel along a mesh of about {@code d} peers per topic,
 * kept in shape by a heartbeat that grafts and prunes; other peers learn of messages by
 * IHAVE gossip and fetch them by IWANT. v1.1 adds peer scoring, backoff and peer
 * exchange; v1.2 adds IDONTWANT for large messages. Floodsub peers get every message of
 * their topics.
 */
final class GossipRouter implements Router {

	private static final Logger logger = LoggerFactory.getLogger(GossipRouter.class);

	private static final int IDONTWANT_HEARTBEATS = 3;

	private final Pubsub pubsub;

	private final PubsubConfig config;

	private final GossipsubConfig params;

	private final PeerScoreThresholds thresholds;

	private final @Nullable PeerScore score;

	private final MessageCache cache;

	private final Random random = new Random();

	private final Map<String, Set<PeerId>> mesh = new HashMap<>();

	private final Map<String, Set<PeerId>> fanout = new HashMap<>();

	private final Map<String, Instant> lastPublished = new HashMap<>();

	private final Map<String, Map<PeerId, Instant>> backoff = new HashMap<>();

	private final Map<PeerId, PubsubProto.ControlMessage.Builder> pendingControl = new HashMap<>();

	private final Map<PeerId, Integer> ihavesReceived = new HashMap<>();

	private final Map<PeerId, Integer> idsAsked = new HashMap<>();

	private final Map<MessageId, Map<PeerId, Instant>> promises = new HashMap<>();

	private final Map<MessageId, Map<PeerId, Integer>> retransmissions = new HashMap<>();

	private final Map<PeerId, Map<MessageId, Long>> dontWant = new HashMap<>();

	private final List<Scheduler.Cancellable> timers = new ArrayList<>();

	private long heartbeats;

	GossipRouter(Pubsub pubsub, PubsubConfig config) {
		this.pubsub = pubsub;
		this.config = config;
		this.params = config.gossipsub();
		this.thresholds = config.thresholds();
		this.cache = new MessageCache(this.params.historyLength(), this.params.historyGossip());
		PeerScoreParams scoring = config.scoring();
		this.score = (scoring != null) ? new PeerScore(scoring, this::now, config.seenTtl()) : null;
	}

	@Override
	public List<String> protocols() {
		return List.of(Pubsub.MESHSUB_V12, Pubsub.MESHSUB_V11, Pubsub.MESHSUB_V10, Pubsub.FLOODSUB);
	}

	@Override
	public void start() {
		Scheduler scheduler = this.pubsub.attachedSwarm().scheduler();
		this.timers.add(scheduler.scheduleRepeatedly(this::heartbeat, this.params.heartbeatInitialDelay(),
				this.params.heartbeatInterval()));
		PeerScoreParams scoring = this.config.scoring();
		if (this.score != null && scoring != null) {
			PeerScore peerScore = this.score;
			this.timers
				.add(scheduler.scheduleRepeatedly(peerScore::decay, scoring.decayInterval(), scoring.decayInterval()));
		}
	}

	@Override
	public void stop() {
		this.timers.forEach(Scheduler.Cancellable::cancel);
	}

	private Instant now() {
		return this.pubsub.attachedSwarm().scheduler().now();
	}

	@Override
	public double score(PeerId peer) {
		return (this.score != null) ? this.score.score(peer) : 0;
	}

	@Override
	public void setApplicationScore(PeerId peer, double value) {
		if (this.score != null) {
			this.score.setApplicationScore(peer, value);
		}
	}

	@Override
	public Set<PeerId> mesh(String topic) {
		return Collections.unmodifiableSet(this.mesh.getOrDefault(topic, Set.of()));
	}

	@Override
	public void peerAdded(PubsubPeer peer) {
		if (this.score != null) {
			this.score.connected(peer.id(), peer.ip());
		}
	}

	@Override
	public void peerRemoved(PubsubPeer peer) {
		PeerId id = peer.id();
		this.mesh.values().forEach((members) -> members.remove(id));
		this.fanout.values().forEach((members) -> members.remove(id));
		this.pendingControl.remove(id);
		this.dontWant.remove(id);
		this.ihavesReceived.remove(id);
		this.idsAsked.remove(id);
		if (this.score != null) {
			this.score.disconnected(id);
		}
	}

	@Override
	public void unsubscribed(PubsubPeer peer, String topic) {
		Set<PeerId> members = this.mesh.get(topic);
		if (members != null && members.remove(peer.id()) && this.score != null) {
			this.score.pruned(peer.id(), topic);
		}
		Set<PeerId> fanoutPeers = this.fanout.get(topic);
		if (fanoutPeers != null) {
			fanoutPeers.remove(peer.id());
		}
	}

	@Override
	public boolean accepts(PubsubPeer peer) {
		return score(peer.id()) >= this.thresholds.graylist();
	}

	@Override
	public void joined(String topic) {
		Set<PeerId> members = new LinkedHashSet<>();
		Set<PeerId> previous = this.fanout.remove(topic);
		this.lastPublished.remove(topic);
		if (previous != null) {
			previous.stream()
				.filter((peer) -> !inBackoff(topic, peer) && score(peer) >= 0)
				.limit(this.params.d())
				.forEach(members::add);
		}
		if (members.size() < this.params.d()) {
			pick(topic, this.params.d() - members.size(),
					(peer) -> !members.contains(peer.id()) && !inBackoff(topic, peer.id()) && score(peer.id()) >= 0)
				.forEach((peer) -> members.add(peer.id()));
		}
		this.mesh.put(topic, members);
		for (PeerId peer : members) {
			graft(peer, topic);
		}
		flushControl();
	}

	@Override
	public void left(String topic) {
		Set<PeerId> members = this.mesh.remove(topic);
		if (members != null) {
			for (PeerId peer : members) {
				prune(peer, topic, this.params.unsubscribeBackoff(), false);
			}
			flushControl();
		}
		if (this.score != null) {
			this.score.left(topic);
		}
	}

	@Override
	public void firstSeen(PubsubPeer from, MessageId id, PubsubProto.Message message) {
		this.promises.remove(id);
		if (this.score != null) {
			this.score.firstSeen(id);
		}
		if (message.getData().size() >= this.params.idontwantMinSize()) {
			PubsubProto.ControlMessage control = PubsubProto.ControlMessage.newBuilder()
				.addIdontwant(PubsubProto.ControlIDontWant.newBuilder().addMessageIDs(bytes(id)))
				.build();
			for (PeerId member : this.mesh.getOrDefault(message.getTopic(), Set.of())) {
				PubsubPeer peer = this.pubsub.peer(member);
				if (peer != null && peer != from && peer.speaks(Pubsub.MESHSUB_V12)) {
					this.pubsub.send(peer, PubsubProto.RPC.newBuilder().setControl(control));
				}
			}
		}
	}

	@Override
	public void duplicate(PubsubPeer from, MessageId id, String topic) {
		this.promises.remove(id);
		if (this.score != null) {
			this.score.duplicate(from.id(), id, topic);
		}
	}

	@Override
	public void accepted(PubsubPeer from, MessageId id, PubsubProto.Message message) {
		if (this.score != null) {
			this.score.validated(from.id(), id, message.getTopic());
		}
		this.cache.put(id, message);
		String topic = message.getTopic();
		Set<PeerId> targets = new LinkedHashSet<>(this.mesh.getOrDefault(topic, Set.of()));
		for (PubsubPeer peer : this.pubsub.peersIn(topic)) {
			if (peer.speaks(Pubsub.FLOODSUB) && score(peer.id()) >= this.thresholds.publish()) {
				targets.add(peer.id());
			}
		}
		targets.remove(from.id());
		send(targets, id, message);
	}

	@Override
	public void rejected(PubsubPeer from, @Nullable MessageId id, String topic) {
		if (this.score != null) {
			this.score.rejected(from.id(), id, topic);
		}
	}

	@Override
	public void ignored(MessageId id) {
		if (this.score != null) {
			this.score.ignored(id);
		}
	}

	@Override
	public void publish(MessageId id, PubsubProto.Message message) {
		this.cache.put(id, message);
		String topic = message.getTopic();
		Set<PeerId> targets = new LinkedHashSet<>();
		List<PubsubPeer> subscribers = this.pubsub.peersIn(topic);
		if (this.params.floodPublish()) {
			subscribers.stream()
				.filter((peer) -> score(peer.id()) >= this.thresholds.publish())
				.forEach((peer) -> targets.add(peer.id()));
		}
		else {
			subscribers.stream()
				.filter((peer) -> peer.speaks(Pubsub.FLOODSUB) && score(peer.id()) >= this.thresholds.publish())
				.forEach((peer) -> targets.add(peer.id()));
			if (this.pubsub.subscribed(topic)) {
				targets.addAll(this.mesh.getOrDefault(topic, Set.of()));
			}
			else {
				targets.addAll(fanout(topic));
			}
		}
		if (!this.pubsub.subscribed(topic)) {
			this.lastPublished.put(topic, now());
		}
		send(targets, id, message);
	}

	private Set<PeerId> fanout(String topic) {
		Set<PeerId> peers = this.fanout.computeIfAbsent(topic, (t) -> new LinkedHashSet<>());
		if (peers.size() < this.params.d()) {
			pick(topic, this.params.d() - peers.size(),
					(peer) -> !peers.contains(peer.id()) && score(peer.id()) >= this.thresholds.publish())
				.forEach((peer) -> peers.add(peer.id()));
		}
		return peers;
	}

	private void send(Set<PeerId> targets, MessageId id, PubsubProto.Message message) {
		for (PeerId target : targets) {
			PubsubPeer peer = this.pubsub.peer(target);
			if (peer == null || Pubsub.isAuthor(target, message)) {
				continue;
			}
			Map<MessageId, Long> unwanted = this.dontWant.get(target);
			if (unwanted != null && unwanted.containsKey(id)) {
				continue;
			}
			this.pubsub.sendMessage(peer, message);
		}
	}

	@Override
	public void piggyback(PubsubPeer peer, PubsubProto.RPC.Builder rpc) {
		PubsubProto.ControlMessage.Builder pending = this.pendingControl.remove(peer.id());
		if (pending != null && !peer.speaks(Pubsub.FLOODSUB)) {
			if (rpc.hasControl()) {
				pending.mergeFrom(rpc.getControl());
			}
			rpc.setControl(pending);
		}
	}

	private PubsubProto.ControlMessage.Builder control(PeerId peer) {
		return this.pendingControl.computeIfAbsent(peer, (id) -> PubsubProto.ControlMessage.newBuilder());
	}

	private void flushControl() {
		for (PeerId id : List.copyOf(this.pendingControl.keySet())) {
			PubsubPeer peer = this.pubsub.peer(id);
			if (peer == null) {
				this.pendingControl.remove(id);
			}
			else {
				this.pubsub.send(peer, PubsubProto.RPC.newBuilder());
			}
		}
	}

	private void graft(PeerId peer, String topic) {
		control(peer).addGraft(PubsubProto.ControlGraft.newBuilder().setTopicID(topic));
		if (this.score != null) {
			this.score.grafted(peer, topic);
		}
	}

	private void prune(PeerId peer, String topic, Duration backoffTime, boolean exchangePeers) {
		PubsubProto.ControlPrune.Builder prune = PubsubProto.ControlPrune.newBuilder()
			.setTopicID(topic)
			.setBackoff(backoffTime.toSeconds());
		PubsubPeer target = this.pubsub.peer(peer);
		if (exchangePeers && this.params.peerExchange() && target != null && !target.speaks(Pubsub.MESHSUB_V10)) {
			for (PubsubPeer other : pick(topic, this.params.prunePeers(),
					(candidate) -> !candidate.id().equals(peer) && score(candidate.id()) >= 0)) {
				prune.addPeers(exchangedPeer(other.id()));
			}
		}
		control(peer).addPrune(prune);
		setBackoff(topic, peer, backoffTime);
		if (this.score != null) {
			this.score.pruned(peer, topic);
		}
	}

	/**
	 * Describes a peer for peer exchange: its id and, when identify brought one, its
	 * signed peer record, which lets the receiver dial it without trusting this node
	 * about its addresses.
	 */
	private PubsubProto.PeerInfo exchangedPeer(PeerId peer) {
		PubsubProto.PeerInfo.Builder info = PubsubProto.PeerInfo.newBuilder().setPeerID(bytes(peer));
		this.pubsub.attachedSwarm()
			.peerStore()
			.signedPeerRecord(peer)
			.ifPresent((record) -> info.setSignedPeerRecord(ByteString.copyFrom(record.envelope())));
		return info.build();
	}

	private void setBackoff(String topic, PeerId peer, Duration duration) {
		Instant until = now().plus(duration);
		this.backoff.computeIfAbsent(topic, (t) -> new HashMap<>()).merge(peer, until, (a, b) -> a.isAfter(b) ? a : b);
	}

	private boolean inBackoff(String topic, PeerId peer) {
		Instant until = this.backoff.getOrDefault(topic, Map.of()).get(peer);
		return until != null && until.isAfter(now());
	}

	/**
	 * Picks random gossipsub peers of a topic.
	 * @param topic the topic
	 * @param count how many at most
	 * @param filter which peers qualify
	 * @return the peers, in random order
	 */
	private List<PubsubPeer> pick(String topic, int count, Predicate<PubsubPeer> filter) {
		List<PubsubPeer> candidates = new ArrayList<>();
		for (PubsubPeer peer : this.pubsub.peersIn(topic)) {
			if (!peer.speaks(Pubsub.FLOODSUB) && filter.test(peer)) {
				candidates.add(peer);
			}
		}
		Collections.shuffle(candidates, this.random);
		return (candidates.size() > count) ? candidates.subList(0, Math.max(0, count)) : candidates;
	}

	@Override
	public void control(PubsubPeer peer, PubsubProto.ControlMessage control) {
		if (peer.speaks(Pubsub.FLOODSUB)) {
			return;
		}
		List<PubsubProto.Message> wanted = new ArrayList<>();
		if (score(peer.id()) >= this.thresholds.gossip()) {
			control.getIhaveList().forEach((ihave) -> ihave(peer, ihave));
			control.getIwantList().forEach((iwant) -> iwant(peer, iwant, wanted));
		}
		Map<String, Boolean> refused = new LinkedHashMap<>();
		control.getGraftList().forEach((graft) -> graft(peer, graft, refused));
		control.getPruneList().forEach((prune) -> prune(peer, prune));
		if (peer.speaks(Pubsub.MESHSUB_V12)) {
			control.getIdontwantList().forEach((idontwant) -> idontwant(peer, idontwant));
		}
		refused.forEach((topic, exchangePeers) -> prune(peer.id(), topic, this.params.pruneBackoff(), exchangePeers));
		if (!refused.isEmpty() && wanted.isEmpty()) {
			this.pubsub.send(peer, PubsubProto.RPC.newBuilder());
		}
		// One RPC per message: many wanted messages together could exceed the peer's RPC
		// limit. The PRUNEs ride along with the first.
		for (PubsubProto.Message message : wanted) {
			this.pubsub.sendMessage(peer, message);
		}
	}

	private void ihave(PubsubPeer peer, PubsubProto.ControlIHave ihave) {
		int received = this.ihavesReceived.merge(peer.id(), 1, Integer::sum);
		int asked = this.idsAsked.getOrDefault(peer.id(), 0);
		if (received > this.params.maxIHaveMessages() || asked >= this.params.maxIHaveLength()
				|| !this.pubsub.subscribed(ihave.getTopicID())) {
			return;
		}
		List<ByteString> unknown = new ArrayList<>();
		Set<MessageId> distinct = new HashSet<>();
		for (ByteString bytes : ihave.getMessageIDsList()) {
			MessageId id = MessageId.of(bytes.toByteArray());
			if (!this.pubsub.seen(id) && distinct.add(id)) {
				unknown.add(bytes);
			}
		}
		if (unknown.isEmpty()) {
			return;
		}
		Collections.shuffle(unknown, this.random);
		int allowed = Math.min(unknown.size(), this.params.maxIHaveLength() - asked);
		List<ByteString> request = unknown.subList(0, allowed);
		this.idsAsked.put(peer.id(), asked + allowed);
		Instant deadline = now().plus(this.params.iwantFollowupTime());
		for (ByteString bytes : request) {
			this.promises.computeIfAbsent(MessageId.of(bytes.toByteArray()), (id) -> new HashMap<>())
				.putIfAbsent(peer.id(), deadline);
		}
		control(peer.id()).addIwant(PubsubProto.ControlIWant.newBuilder().addAllMessageIDs(request));
	}

	private void iwant(PubsubPeer peer, PubsubProto.ControlIWant iwant, List<PubsubProto.Message> wanted) {
		for (ByteString bytes : iwant.getMessageIDsList()) {
			MessageId id = MessageId.of(bytes.toByteArray());
			PubsubProto.Message message = this.cache.get(id);
			if (message == null) {
				continue;
			}
			int count = this.retransmissions.computeIfAbsent(id, (key) -> new HashMap<>())
				.merge(peer.id(), 1, Integer::sum);
			if (count <= this.params.gossipRetransmission() && !Pubsub.isAuthor(peer.id(), message)) {
				wanted.add(message);
			}
		}
	}

	/**
	 * Takes a GRAFT into the mesh, or adds its topic to {@code refused} with whether the
	 * PRUNE in reply may carry other peers: not for a peer that broke the backoff or
	 * scores below zero.
	 */
	private void graft(PubsubPeer peer, PubsubProto.ControlGraft graft, Map<String, Boolean> refused) {
		String topic = graft.getTopicID();
		Set<PeerId> members = this.mesh.get(topic);
		if (members == null || members.contains(peer.id())) {
			return;
		}
		Instant until = this.backoff.getOrDefault(topic, Map.of()).get(peer.id());
		Instant now = now();
		if (until != null && until.isAfter(now)) {
			// Grafting during backoff is a protocol breach (P7); doing it right after the
			// prune suggests a flood and counts twice.
			int penalty = until.isAfter(now.plus(this.params.pruneBackoff()).minus(this.params.graftFloodThreshold()))
					? 2 : 1;
			if (this.score != null) {
				this.score.addPenalty(peer.id(), penalty);
			}
			refused.put(topic, false);
			return;
		}
		if (score(peer.id()) < 0) {
			refused.put(topic, false);
			return;
		}
		if (members.size() >= this.params.dHigh() && !peer.outbound()) {
			refused.put(topic, true);
			return;
		}
		members.add(peer.id());
		if (this.score != null) {
			this.score.grafted(peer.id(), topic);
		}
		this.pubsub.refreshTopics();
	}

	private void prune(PubsubPeer peer, PubsubProto.ControlPrune prune) {
		String topic = prune.getTopicID();
		Set<PeerId> members = this.mesh.get(topic);
		if (members != null && members.remove(peer.id())) {
			if (this.score != null) {
				this.score.pruned(peer.id(), topic);
			}
			this.pubsub.refreshTopics();
		}
		Duration wait = (prune.getBackoff() > 0)
				? Duration.ofSeconds(Math.min(prune.getBackoff(), Duration.ofHours(1).toSeconds()))
				: this.params.pruneBackoff();
		setBackoff(topic, peer.id(), wait);
		if (prune.getPeersCount() > 0 && score(peer.id()) >= this.thresholds.acceptPeerExchange()) {
			prune.getPeersList().stream().limit(this.params.prunePeers()).forEach(this::connectExchanged);
		}
	}

	private void connectExchanged(PubsubProto.PeerInfo info) {
		try {
			PeerId peer = PeerId.fromBytes(info.getPeerID().toByteArray());
			if (this.pubsub.peer(peer) != null || peer.equals(this.pubsub.localPeer())) {
				return;
			}
			if (info.hasSignedPeerRecord()) {
				SignedPeerRecord signed = SignedPeerRecord.open(info.getSignedPeerRecord().toByteArray());
				if (!signed.record().peerId().equals(peer)) {
					return;
				}
				PeerStore peers = this.pubsub.attachedSwarm().peerStore();
				peers.addAddresses(peer, signed.record().addresses(), Duration.ofMinutes(10));
				peers.setSignedPeerRecord(signed);
			}
			this.pubsub.attachedSwarm().dial(peer).exceptionally((failure) -> {
				logger.debug("could not connect to exchanged peer {}: {}", peer, failure.getMessage());
				return null;
			});
		}
		catch (RuntimeException ex) {
			logger.debug("ignoring an exchanged peer: {}", ex.getMessage());
		}
	}

	private void idontwant(PubsubPeer peer, PubsubProto.ControlIDontWant idontwant) {
		Map<MessageId, Long> unwanted = this.dontWant.computeIfAbsent(peer.id(), (id) -> new HashMap<>());
		long expiry = this.heartbeats + IDONTWANT_HEARTBEATS;
		for (ByteString bytes : idontwant.getMessageIDsList()) {
			if (unwanted.size() >= this.params.idontwantMaxMessages()) {
				return;
			}
			unwanted.put(MessageId.of(bytes.toByteArray()), expiry);
		}
	}

	/**
	 * Keeps every mesh between {@code dLow} and {@code dHigh} good peers, with enough
	 * outbound ones, tops up fanouts, gossips recent message ids and sends the control
	 * messages all that produced.
	 */
	void heartbeat() {
		this.heartbeats++;
		this.ihavesReceived.clear();
		this.idsAsked.clear();
		penaliseBrokenPromises();
		Map<PeerId, Double> scores = new HashMap<>();
		for (Map.Entry<String, Set<PeerId>> entry : this.mesh.entrySet()) {
			maintainMesh(entry.getKey(), entry.getValue(), scores);
			gossip(entry.getKey(), entry.getValue(), scores);
		}
		maintainFanout(scores);
		flushControl();
		this.cache.shift();
		expire();
		this.pubsub.refreshTopics();
	}

	private double cachedScore(PeerId peer, Map<PeerId, Double> scores) {
		return scores.computeIfAbsent(peer, this::score);
	}

	private void maintainMesh(String topic, Set<PeerId> members, Map<PeerId, Double> scores) {
		for (PeerId peer : List.copyOf(members)) {
			PubsubPeer connected = this.pubsub.peer(peer);
			if (connected == null || !connected.topics().contains(topic)) {
				members.remove(peer);
			}
			else if (cachedScore(peer, scores) < 0) {
				members.remove(peer);
				prune(peer, topic, this.params.pruneBackoff(), false);
			}
		}
		Predicate<PubsubPeer> graftable = (peer) -> !members.contains(peer.id()) && !inBackoff(topic, peer.id())
				&& cachedScore(peer.id(), scores) >= 0;
		if (members.size() < this.params.dLow()) {
			addToMesh(topic, members, pick(topic, this.params.d() - members.size(), graftable));
		}
		if (members.size() > this.params.dHigh()) {
			shrinkMesh(topic, members, scores);
		}
		if (members.size() >= this.params.dLow()) {
			long outbound = members.stream().filter(this::isOutbound).count();
			if (outbound < this.params.dOut()) {
				addToMesh(topic, members,
						pick(topic, this.params.dOut() - (int) outbound, graftable.and(PubsubPeer::outbound)));
			}
		}
		if (this.heartbeats % this.params.opportunisticGraftTicks() == 0 && members.size() > 1) {
			List<Double> sorted = members.stream().map((peer) -> cachedScore(peer, scores)).sorted().toList();
			double median = sorted.get(sorted.size() / 2);
			if (median < this.thresholds.opportunisticGraft()) {
				addToMesh(topic, members, pick(topic, this.params.opportunisticGraftPeers(),
						graftable.and((peer) -> cachedScore(peer.id(), scores) > median)));
			}
		}
	}

	private boolean isOutbound(PeerId id) {
		PubsubPeer peer = this.pubsub.peer(id);
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
	private void shrinkMesh(String topic, Set<PeerId> members, Map<PeerId, Double> scores) {
		List<PeerId> ranked = new ArrayList<>(members);
		Collections.shuffle(ranked, this.random);
		ranked.sort(Comparator.comparingDouble((PeerId peer) -> cachedScore(peer, scores)).reversed());
		List<PeerId> rest = new ArrayList<>(ranked.subList(this.params.dScore(), ranked.size()));
		Collections.shuffle(rest, this.random);
		List<PeerId> kept = new ArrayList<>(ranked.subList(0, this.params.dScore()));
		kept.addAll(rest);
		kept = new ArrayList<>(kept.subList(0, this.params.d()));
		long outbound = kept.stream().filter(this::isOutbound).count();
		if (outbound < this.params.dOut()) {
			List<PeerId> spareOutbound = new ArrayList<>(ranked);
			spareOutbound.removeAll(kept);
			spareOutbound.removeIf((peer) -> !isOutbound(peer));
			Iterator<PeerId> swapIn = spareOutbound.iterator();
			for (int i = kept.size() - 1; i >= 0 && outbound < this.params.dOut() && swapIn.hasNext(); i--) {
				if (!isOutbound(kept.get(i))) {
					kept.set(i, swapIn.next());
					outbound++;
				}
			}
		}
		for (PeerId peer : ranked) {
			if (!kept.contains(peer)) {
				members.remove(peer);
				prune(peer, topic, this.params.pruneBackoff(), true);
			}
		}
	}

	private void gossip(String topic, Set<PeerId> exclude, Map<PeerId, Double> scores) {
		List<MessageId> ids = this.cache.gossipIds(topic);
		if (ids.isEmpty()) {
			return;
		}
		List<PubsubPeer> candidates = pick(topic, Integer.MAX_VALUE,
				(peer) -> !exclude.contains(peer.id()) && cachedScore(peer.id(), scores) >= this.thresholds.gossip());
		int target = Math.max(this.params.dLazy(), (int) (this.params.gossipFactor() * candidates.size()));
		for (PubsubPeer peer : candidates.subList(0, Math.min(target, candidates.size()))) {
			List<MessageId> advertised = new ArrayList<>(ids);
			Collections.shuffle(advertised, this.random);
			PubsubProto.ControlIHave.Builder ihave = PubsubProto.ControlIHave.newBuilder().setTopicID(topic);
			advertised.stream().limit(this.params.maxIHaveLength()).forEach((id) -> ihave.addMessageIDs(bytes(id)));
			control(peer.id()).addIhave(ihave);
		}
	}

	private void maintainFanout(Map<PeerId, Double> scores) {
		Instant expired = now().minus(this.params.fanoutTtl());
		this.lastPublished.entrySet().removeIf((entry) -> {
			if (entry.getValue().isBefore(expired)) {
				this.fanout.remove(entry.getKey());
				return true;
			}
			return false;
		});
		for (Map.Entry<String, Set<PeerId>> entry : this.fanout.entrySet()) {
			String topic = entry.getKey();
			Set<PeerId> peers = entry.getValue();
			peers.removeIf((peer) -> {
				PubsubPeer connected = this.pubsub.peer(peer);
				return connected == null || !connected.topics().contains(topic)
						|| cachedScore(peer, scores) < this.thresholds.publish();
			});
			fanout(topic);
			gossip(topic, peers, scores);
		}
	}

	private void penaliseBrokenPromises() {
		Instant now = now();
		Iterator<Map<PeerId, Instant>> pending = this.promises.values().iterator();
		while (pending.hasNext()) {
			Map<PeerId, Instant> byPeer = pending.next();
			byPeer.entrySet().removeIf((entry) -> {
				if (entry.getValue().isBefore(now)) {
					if (this.score != null) {
						this.score.addPenalty(entry.getKey(), 1);
					}
					return true;
				}
				return false;
			});
			if (byPeer.isEmpty()) {
				pending.remove();
			}
		}
	}

	private void expire() {
		Instant now = now();
		this.backoff.values().forEach((byPeer) -> byPeer.values().removeIf((until) -> !until.isAfter(now)));
		this.backoff.values().removeIf(Map::isEmpty);
		this.retransmissions.keySet().removeIf((id) -> this.cache.get(id) == null);
		for (Map<MessageId, Long> unwanted : this.dontWant.values()) {
			unwanted.values().removeIf((expiry) -> expiry <= this.heartbeats);
		}
		this.dontWant.values().removeIf(Map::isEmpty);
	}

	private static ByteString bytes(MessageId id) {
		return ByteString.copyFrom(id.bytesUnsafe());
	}

	private static ByteString bytes(PeerId peer) {
		return ByteString.copyFrom(peer.toBytes());
	}

}
