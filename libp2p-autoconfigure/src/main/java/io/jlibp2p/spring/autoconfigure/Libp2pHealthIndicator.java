package io.jlibp2p.spring.autoconfigure;

import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.jlibp2p.protocol.kad.Kademlia;
import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.protocol.pubsub.PubsubTopic;
import io.jlibp2p.swarm.BootstrapPeers;
import io.jlibp2p.swarm.Swarm;

/**
 * UP while the node listens, DOWN once it stopped, OUT_OF_SERVICE while it is connected
 * to none of its configured bootstrap peers or its DHT routing table is empty despite
 * them; with cheap details: the PeerId, the listen addresses, the number of connections,
 * bootstrap peers connected and pubsub mesh sizes.
 */
public final class Libp2pHealthIndicator extends AbstractHealthIndicator {

	private final Swarm swarm;

	private final SwarmLifecycle lifecycle;

	private final @Nullable Pubsub pubsub;

	private final @Nullable BootstrapPeers bootstrap;

	private final @Nullable Kademlia kad;

	/**
	 * Creates the indicator.
	 * @param swarm the swarm
	 * @param lifecycle its lifecycle, which says whether it runs
	 * @param pubsub the pubsub behaviour, {@code null} without pubsub
	 * @param bootstrap the bootstrap peers, {@code null} without
	 * @param kad the DHT, {@code null} without
	 */
	public Libp2pHealthIndicator(Swarm swarm, SwarmLifecycle lifecycle, @Nullable Pubsub pubsub,
			@Nullable BootstrapPeers bootstrap, @Nullable Kademlia kad) {
		super("libp2p health check failed");
		this.swarm = swarm;
		this.lifecycle = lifecycle;
		this.pubsub = pubsub;
		this.bootstrap = bootstrap;
		this.kad = kad;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		long bootstrapConnected = (this.bootstrap != null)
				? this.bootstrap.peers().stream().filter((peer) -> this.swarm.connection(peer).isPresent()).count() : 0;
		boolean bootstrapConfigured = this.bootstrap != null && !this.bootstrap.peers().isEmpty();
		// Cut off from every bootstrap peer, or holding no DHT peer despite them.
		boolean isolated = bootstrapConfigured
				&& (bootstrapConnected == 0 || (this.kad != null && this.kad.tableSize() == 0));
		if (!this.lifecycle.isRunning()) {
			builder.down();
		}
		else if (isolated) {
			// Running, but cut off from every configured bootstrap peer: not fit for
			// traffic.
			builder.outOfService();
		}
		else {
			builder.up();
		}
		if (this.bootstrap != null && !this.bootstrap.peers().isEmpty()) {
			builder.withDetail("bootstrapPeers",
					Map.of("configured", this.bootstrap.peers().size(), "connected", bootstrapConnected));
		}
		builder.withDetail("peerId", this.swarm.localPeer().toString())
			.withDetail("listenAddresses", this.swarm.listenAddresses().stream().map(Object::toString).toList())
			.withDetail("connections", this.swarm.connections().size())
			.withDetail("privateNetwork", this.swarm.isPrivateNetwork());
		if (this.kad != null) {
			builder.withDetail("routingTablePeers", this.kad.tableSize());
		}
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
