package io.jlibp2p.protocol.pubsub;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.peer.PeerId;

/**
 * Gossipsub v1.1 peer scores (P1–P7) as in the spec and go's score.go: counters per peer
 * and topic, fed by mesh changes and message deliveries, decayed every decay interval.
 * Used on the swarm's thread only.
 */
final class PeerScoring implements PeerScore {

	private static final int MAX_DELIVERY_RECORDS = 100_000;

	private final PeerScoreParams params;

	private final Supplier<Instant> clock;

	private final Duration deliveryRecordTtl;

	private final Map<PeerId, PeerStats> peers = new HashMap<>();

	private final Map<String, Set<PeerId>> peersByIp = new HashMap<>();

	private final Map<PeerId, Double> applicationScores = new HashMap<>();

	private final LinkedHashMap<MessageId, DeliveryRecord> deliveries = new LinkedHashMap<>();

	PeerScoring(PeerScoreParams params, Supplier<Instant> clock, Duration deliveryRecordTtl) {
		this.params = params;
		this.clock = clock;
		this.deliveryRecordTtl = deliveryRecordTtl;
	}

	@Override
	public double score(PeerId peer) {
		PeerStats stats = this.peers.get(peer);
		if (stats == null) {
			return 0;
		}
		double score = 0;
		for (Map.Entry<String, TopicStats> entry : stats.topics.entrySet()) {
			score += topicScore(this.params.topic(entry.getKey()), entry.getValue());
		}
		if (this.params.topicScoreCap() > 0 && score > this.params.topicScoreCap()) {
			score = this.params.topicScoreCap();
		}
		score += this.applicationScores.getOrDefault(peer, 0.0) * this.params.appSpecificWeight();
		if (stats.ip != null) {
			int colocated = this.peersByIp.getOrDefault(stats.ip, Set.of()).size();
			int surplus = colocated - this.params.ipColocation().threshold();
			if (surplus > 0) {
				score += (double) surplus * surplus * this.params.ipColocation().weight();
			}
		}
		double excess = stats.behaviourPenalty - this.params.behaviourPenalty().threshold();
		if (excess > 0) {
			score += excess * excess * this.params.behaviourPenalty().weight();
		}
		return score;
	}

	private static double topicScore(TopicScoreParams topic, TopicStats stats) {
		double score = 0;
		if (stats.inMesh) {
			double quanta = (double) stats.meshTime.toNanos() / topic.timeInMesh().quantum().toNanos();
			score += Math.min(quanta, topic.timeInMesh().cap()) * topic.timeInMesh().weight();
		}
		score += stats.firstMessageDeliveries * topic.firstDeliveries().weight();
		if (stats.meshMessageDeliveriesActive && stats.meshMessageDeliveries < topic.meshDeliveries().threshold()) {
			double deficit = topic.meshDeliveries().threshold() - stats.meshMessageDeliveries;
			score += deficit * deficit * topic.meshDeliveries().weight();
		}
		score += stats.meshFailurePenalty * topic.meshFailures().weight();
		score += stats.invalidMessageDeliveries * stats.invalidMessageDeliveries * topic.invalidDeliveries().weight();
		return score * topic.topicWeight();
	}

	@Override
	public void setApplicationScore(PeerId peer, double score) {
		this.applicationScores.put(peer, score);
	}

	@Override
	public void connected(PeerId peer, @Nullable String ip) {
		PeerStats stats = this.peers.computeIfAbsent(peer, (id) -> new PeerStats());
		stats.connected = true;
		stats.ip = ip;
		if (ip != null) {
			this.peersByIp.computeIfAbsent(ip, (key) -> new HashSet<>()).add(peer);
		}
	}

	@Override
	public void disconnected(PeerId peer) {
		PeerStats stats = this.peers.get(peer);
		if (stats == null) {
			return;
		}
		if (stats.ip != null) {
			Set<PeerId> colocated = this.peersByIp.get(stats.ip);
			if (colocated != null) {
				colocated.remove(peer);
				if (colocated.isEmpty()) {
					this.peersByIp.remove(stats.ip);
				}
			}
		}
		for (Map.Entry<String, TopicStats> entry : stats.topics.entrySet()) {
			pruned(this.params.topic(entry.getKey()), entry.getValue());
		}
		stats.connected = false;
		stats.forgetAt = this.clock.get().plus(this.params.retainScore());
	}

	@Override
	public void grafted(PeerId peer, String topic) {
		TopicStats stats = topicStats(peer, topic);
		if (stats != null) {
			stats.inMesh = true;
			stats.graftedAt = this.clock.get();
			stats.meshTime = Duration.ZERO;
			stats.meshMessageDeliveriesActive = false;
		}
	}

	@Override
	public void pruned(PeerId peer, String topic) {
		TopicStats stats = topicStats(peer, topic);
		if (stats != null) {
			pruned(this.params.topic(topic), stats);
		}
	}

	private static void pruned(TopicScoreParams topic, TopicStats stats) {
		if (stats.meshMessageDeliveriesActive && stats.meshMessageDeliveries < topic.meshDeliveries().threshold()) {
			double deficit = topic.meshDeliveries().threshold() - stats.meshMessageDeliveries;
			stats.meshFailurePenalty += deficit * deficit;
		}
		stats.inMesh = false;
		stats.meshMessageDeliveriesActive = false;
	}

	@Override
	public void addPenalty(PeerId peer, int count) {
		PeerStats stats = this.peers.get(peer);
		if (stats != null) {
			stats.behaviourPenalty += count;
		}
	}

	/**
	 * A message arrived for the first time and awaits validation.
	 */
	@Override
	public void firstSeen(MessageId id) {
		Instant now = this.clock.get();
		expireDeliveries(now);
		this.deliveries.put(id, new DeliveryRecord(now));
		if (this.deliveries.size() > MAX_DELIVERY_RECORDS) {
			Iterator<MessageId> oldest = this.deliveries.keySet().iterator();
			oldest.next();
			oldest.remove();
		}
	}

	/**
	 * A message passed validation: its first deliverer and the mesh peers that sent it
	 * while it was being validated get credit.
	 */
	@Override
	public void validated(PeerId from, MessageId id, String topic) {
		DeliveryRecord record = this.deliveries.get(id);
		TopicStats stats = topicStats(from, topic);
		if (stats != null) {
			TopicScoreParams params = this.params.topic(topic);
			stats.firstMessageDeliveries = Math.min(stats.firstMessageDeliveries + 1, params.firstDeliveries().cap());
			if (stats.inMesh) {
				stats.meshMessageDeliveries = Math.min(stats.meshMessageDeliveries + 1, params.meshDeliveries().cap());
			}
		}
		if (record != null) {
			record.status = DeliveryStatus.VALID;
			record.validatedAt = this.clock.get();
			for (PeerId peer : record.peers) {
				markMeshDelivery(peer, topic);
			}
			record.peers.clear();
		}
	}

	/**
	 * A message failed: its sender and the peers that sent copies are blamed (P4).
	 * @param from the sender
	 * @param id the id, {@code null} when the message was refused before it had one
	 * @param topic the topic
	 */
	@Override
	public void rejected(PeerId from, @Nullable MessageId id, String topic) {
		markInvalid(from, topic);
		DeliveryRecord record = (id != null) ? this.deliveries.get(id) : null;
		if (record != null) {
			record.status = DeliveryStatus.INVALID;
			record.peers.forEach((peer) -> markInvalid(peer, topic));
			record.peers.clear();
		}
	}

	@Override
	public void ignored(MessageId id) {
		DeliveryRecord record = this.deliveries.get(id);
		if (record != null) {
			record.status = DeliveryStatus.IGNORED;
			record.peers.clear();
		}
	}

	@Override
	public void duplicate(PeerId from, MessageId id, String topic) {
		DeliveryRecord record = this.deliveries.get(id);
		if (record == null) {
			return;
		}
		switch (record.status) {
			case UNKNOWN -> record.peers.add(from);
			case VALID -> {
				Instant validatedAt = record.validatedAt;
				Duration window = this.params.topic(topic).meshDeliveries().window();
				if (validatedAt != null && !this.clock.get().isAfter(validatedAt.plus(window))) {
					markMeshDelivery(from, topic);
				}
			}
			case INVALID -> markInvalid(from, topic);
			case IGNORED -> {
			}
		}
	}

	private void markMeshDelivery(PeerId peer, String topic) {
		TopicStats stats = topicStats(peer, topic);
		if (stats != null && stats.inMesh) {
			stats.meshMessageDeliveries = Math.min(stats.meshMessageDeliveries + 1,
					this.params.topic(topic).meshDeliveries().cap());
		}
	}

	private void markInvalid(PeerId peer, String topic) {
		TopicStats stats = topicStats(peer, topic);
		if (stats != null) {
			stats.invalidMessageDeliveries += 1;
		}
	}

	/**
	 * Decays every counter once; called every decay interval.
	 */
	@Override
	public void decay() {
		Instant now = this.clock.get();
		double toZero = this.params.decayToZero();
		Iterator<Map.Entry<PeerId, PeerStats>> entries = this.peers.entrySet().iterator();
		while (entries.hasNext()) {
			Map.Entry<PeerId, PeerStats> entry = entries.next();
			PeerStats stats = entry.getValue();
			if (!stats.connected && stats.forgetAt != null && now.isAfter(stats.forgetAt)) {
				entries.remove();
				this.applicationScores.remove(entry.getKey());
				continue;
			}
			for (Map.Entry<String, TopicStats> topicEntry : stats.topics.entrySet()) {
				TopicScoreParams params = this.params.topic(topicEntry.getKey());
				TopicStats topic = topicEntry.getValue();
				topic.firstMessageDeliveries = decayed(topic.firstMessageDeliveries, params.firstDeliveries().decay(),
						toZero);
				topic.meshMessageDeliveries = decayed(topic.meshMessageDeliveries, params.meshDeliveries().decay(),
						toZero);
				topic.meshFailurePenalty = decayed(topic.meshFailurePenalty, params.meshFailures().decay(), toZero);
				topic.invalidMessageDeliveries = decayed(topic.invalidMessageDeliveries,
						params.invalidDeliveries().decay(), toZero);
				if (topic.inMesh && topic.graftedAt != null) {
					topic.meshTime = Duration.between(topic.graftedAt, now);
					if (topic.meshTime.compareTo(params.meshDeliveries().activation()) > 0) {
						topic.meshMessageDeliveriesActive = true;
					}
				}
			}
			stats.behaviourPenalty = decayed(stats.behaviourPenalty, this.params.behaviourPenalty().decay(), toZero);
		}
	}

	private static double decayed(double value, double factor, double toZero) {
		double next = value * factor;
		return (next < toZero) ? 0 : next;
	}

	private void expireDeliveries(Instant now) {
		Iterator<DeliveryRecord> records = this.deliveries.values().iterator();
		while (records.hasNext()) {
			if (records.next().firstSeen.plus(this.deliveryRecordTtl).isAfter(now)) {
				return;
			}
			records.remove();
		}
	}

	private @Nullable TopicStats topicStats(PeerId peer, String topic) {
		PeerStats stats = this.peers.get(peer);
		return (stats != null) ? stats.topics.computeIfAbsent(topic, (t) -> new TopicStats()) : null;
	}

	/**
	 * Forgets the counters of a topic this node left.
	 * @param topic the topic
	 */
	@Override
	public void left(String topic) {
		this.peers.values().forEach((stats) -> stats.topics.remove(topic));
	}

	private static final class PeerStats {

		private final Map<String, TopicStats> topics = new HashMap<>();

		private boolean connected;

		private @Nullable Instant forgetAt;

		private @Nullable String ip;

		private double behaviourPenalty;

	}

	private static final class TopicStats {

		private boolean inMesh;

		private @Nullable Instant graftedAt;

		private Duration meshTime = Duration.ZERO;

		private double firstMessageDeliveries;

		private double meshMessageDeliveries;

		private boolean meshMessageDeliveriesActive;

		private double meshFailurePenalty;

		private double invalidMessageDeliveries;

	}

	private enum DeliveryStatus {

		UNKNOWN, VALID, INVALID, IGNORED

	}

	private static final class DeliveryRecord {

		private final Instant firstSeen;

		private final Set<PeerId> peers = new HashSet<>();

		private DeliveryStatus status = DeliveryStatus.UNKNOWN;

		private @Nullable Instant validatedAt;

		DeliveryRecord(Instant firstSeen) {
			this.firstSeen = firstSeen;
		}

	}

}
