package io.jlibp2p.protocol.pubsub;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.SignedPeerRecord;
import io.jlibp2p.swarm.Swarm;

/**
 * Pubsub's state that routers read: peers, subscriptions and the seen cache, and the
 * swarm pubsub is part of. {@link Pubsub} changes it; routers see it as a
 * {@link PubsubView}. Used on the swarm's thread only.
 */
final class PubsubState implements PubsubView {

	/** The connection manager's protection of mesh peers. */
	private static final String MESH_PROTECTION = "pubsub-mesh";

	private final Map<PeerId, PubsubPeer> peers = new HashMap<>();

	private final Set<String> subscriptions = new LinkedHashSet<>();

	private final SeenCache seen;

	private @Nullable Swarm swarm;

	PubsubState(PubsubConfig config) {
		this.seen = new SeenCache(config.seenTtl(), config.limits().maxSeenMessages());
	}

	void attach(@Nullable Swarm swarm) {
		this.swarm = swarm;
	}

	@Nullable Swarm swarmOrNull() {
		return this.swarm;
	}

	Swarm swarm() {
		Swarm attached = this.swarm;
		if (attached == null) {
			throw new IllegalStateException("pubsub is not part of a swarm");
		}
		return attached;
	}

	@Override
	public PeerId localPeer() {
		return swarm().localPeer();
	}

	@Override
	public Instant now() {
		return swarm().scheduler().now();
	}

	@Override
	public boolean subscribed(String topic) {
		return this.subscriptions.contains(topic);
	}

	Set<String> subscriptions() {
		return this.subscriptions;
	}

	@Override
	public boolean seen(MessageId id) {
		return this.seen.contains(id, now());
	}

	void markSeen(MessageId id) {
		this.seen.add(id, now());
	}

	@Override
	public @Nullable PubsubPeer peer(PeerId id) {
		return this.peers.get(id);
	}

	Collection<PubsubPeer> peers() {
		return this.peers.values();
	}

	void add(PubsubPeer peer) {
		this.peers.put(peer.id(), peer);
	}

	boolean remove(PubsubPeer peer) {
		return this.peers.remove(peer.id(), peer);
	}

	@Override
	public List<PubsubPeer> peersIn(String topic) {
		List<PubsubPeer> in = new ArrayList<>();
		for (PubsubPeer peer : this.peers.values()) {
			if (peer.protocol() != null && peer.topics().contains(topic)) {
				in.add(peer);
			}
		}
		return in;
	}

	@Override
	public Optional<SignedPeerRecord> signedPeerRecord(PeerId peer) {
		return swarm().peerStore().signedPeerRecord(peer);
	}

	/**
	 * Describes every topic this node subscribes to or knows peers of.
	 * @param mesh a topic's mesh
	 * @return the topics, sorted
	 */
	List<PubsubTopic> topics(Function<String, Set<PeerId>> mesh) {
		Map<String, Set<PeerId>> byTopic = new TreeMap<>();
		this.subscriptions.forEach((topic) -> byTopic.put(topic, new TreeSet<>()));
		for (PubsubPeer peer : this.peers.values()) {
			for (String topic : peer.topics()) {
				byTopic.computeIfAbsent(topic, (t) -> new TreeSet<>()).add(peer.id());
			}
		}
		List<PubsubTopic> view = new ArrayList<>();
		byTopic.forEach((topic, subscribers) -> view.add(new PubsubTopic(topic, this.subscriptions.contains(topic),
				List.copyOf(subscribers), List.copyOf(new TreeSet<>(mesh.apply(topic))))));
		return List.copyOf(view);
	}

	/**
	 * Tells the connection manager which peers are in a mesh: it must not trim them.
	 * @param topics the topics with their meshes
	 */
	void protectMeshPeers(List<PubsubTopic> topics) {
		Swarm attached = this.swarm;
		if (attached != null) {
			attached.connectionManager()
				.protectExactly(MESH_PROTECTION, topics.stream().flatMap((topic) -> topic.mesh().stream()).toList());
		}
	}

}
