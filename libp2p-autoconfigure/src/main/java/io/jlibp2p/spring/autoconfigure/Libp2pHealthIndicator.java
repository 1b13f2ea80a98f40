package io.jlibp2p.spring.autoconfigure;

import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.protocol.pubsub.PubsubTopic;
import io.jlibp2p.swarm.Swarm;

/**
 * UP while the node listens, DOWN once it stopped, with cheap details: the PeerId, the
 * listen addresses and the number of connections.
 */
public final class Libp2pHealthIndicator extends AbstractHealthIndicator {

	private final Swarm swarm;

	private final SwarmLifecycle lifecycle;

	private final @Nullable Pubsub pubsub;

	/**
	 * Creates the indicator.
	 * @param swarm the swarm
	 * @param lifecycle its lifecycle, which says whether it runs
	 * @param pubsub the pubsub behaviour, {@code null} without pubsub
	 */
	public Libp2pHealthIndicator(Swarm swarm, SwarmLifecycle lifecycle, @Nullable Pubsub pubsub) {
		super("libp2p health check failed");
		this.swarm = swarm;
		this.lifecycle = lifecycle;
		this.pubsub = pubsub;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.lifecycle.isRunning()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("peerId", this.swarm.localPeer().toString())
			.withDetail("listenAddresses", this.swarm.listenAddresses().stream().map(Object::toString).toList())
			.withDetail("connections", this.swarm.connections().size());
		if (this.pubsub != null) {
			Map<String, Integer> meshSizes = new TreeMap<>();
			this.pubsub.topics()
				.stream()
				.filter(PubsubTopic::subscribed)
				.forEach((topic) -> meshSizes.put(topic.topic(), topic.mesh().size()));
			builder.withDetail("pubsubMeshPeers", meshSizes);
		}
	}

}
