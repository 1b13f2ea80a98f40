package io.jlibp2p.spring.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.resources.ScopeKind;
import io.jlibp2p.resources.ScopeUsage;
import io.jlibp2p.spring.autoconfigure.pubsub.Libp2pPubsubAutoConfiguration;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class Libp2pObservabilityTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner(String keyName) {
		return Libp2pRunners.runner(this.directory.resolve(keyName), Libp2pAutoConfiguration.class,
				Libp2pPubsubAutoConfiguration.class);
	}

	@Test
	void registersMetersAndHealthWhenTheirLibrariesArePresent() {
		runner("a.key").run((context) -> assertThat(context).hasSingleBean(Libp2pMetrics.class)
			.hasSingleBean(Libp2pHealthIndicator.class));
	}

	@Test
	void backsOffWithoutMicrometerOrHealthSupport() {
		runner("a.key").withClassLoader(new FilteredClassLoader(MeterBinder.class, HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(Swarm.class)
				.doesNotHaveBean(Libp2pMetrics.class)
				.doesNotHaveBean(Libp2pHealthIndicator.class));
	}

	@Test
	void exposesTheActuatorEndpointOnlyWhenAsked() {
		runner("a.key").run((context) -> assertThat(context).doesNotHaveBean(Libp2pEndpoint.class));
		runner("a.key").withPropertyValues("management.endpoints.web.exposure.include=libp2p")
			.run((context) -> assertThat(context).hasSingleBean(Libp2pEndpoint.class));
	}

	@Test
	void endpointDescribesTheNodeAndItsPeers() {
		runner("a.key").run((server) -> runner("b.key").run((client) -> {
			Swarm serverSwarm = server.getBean(Swarm.class);
			Swarm clientSwarm = client.getBean(Swarm.class);
			clientSwarm.dial(serverSwarm.listenAddresses().get(0).withPeerId(serverSwarm.localPeer()))
				.get(10, TimeUnit.SECONDS);
			Libp2pEndpoint endpoint = new Libp2pEndpoint(clientSwarm, client.getBean(Pubsub.class), null);
			Libp2pEndpoint.NodeDescriptor node = endpoint.node();
			assertThat(node.peerId()).isEqualTo(clientSwarm.localPeer().toString());
			assertThat(node.connections()).singleElement().satisfies((connection) -> {
				assertThat(connection.peerId()).isEqualTo(serverSwarm.localPeer().toString());
				assertThat(connection.direction()).isEqualTo("outbound");
				assertThat(connection.muxer()).isEqualTo("/yamux/1.0.0");
			});
			await().atMost(10, TimeUnit.SECONDS)
				.untilAsserted(() -> assertThat(endpoint.peer(serverSwarm.localPeer().toString()).agentVersion())
					.isEqualTo("jlibp2p"));
			assertThat(endpoint.peer("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq")).isNull();
			assertThat(endpoint.peer("not-a-peer")).isNull();
			assertThat(node.resources()).first().satisfies((system) -> {
				assertThat(system.scope()).isEqualTo(ScopeKind.SYSTEM);
				assertThat(system.limits().memory()).isPositive();
			});
			assertThat(node.resources()).extracting(ScopeUsage::scope).contains(ScopeKind.PEER);
		}));
	}

	@Test
	void healthIndicatorCanBeSwitchedOff() {
		runner("a.key").withPropertyValues("management.health.libp2p.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Libp2pHealthIndicator.class));
	}

	@Test
	void healthIsUpWithDetailsWhileListeningAndDownWhenStopped() {
		runner("a.key").run((context) -> {
			Libp2pHealthIndicator indicator = context.getBean(Libp2pHealthIndicator.class);
			Health health = indicator.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("peerId", context.getBean(Swarm.class).localPeer().toString())
				.containsEntry("connections", 0)
				.containsKey("listenAddresses");
			context.getBean(SwarmLifecycle.class).stop();
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void metersFollowTheSwarmWithBoundedTags() {
		runner("a.key").run((server) -> runner("b.key").run((client) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			client.getBean(Libp2pMetrics.class).bindTo(registry);
			Swarm serverSwarm = server.getBean(Swarm.class);
			client.getBean(Swarm.class)
				.dial(serverSwarm.listenAddresses().get(0).withPeerId(serverSwarm.localPeer()))
				.get(10, TimeUnit.SECONDS);
			assertThat(registry.get("libp2p.connections.opened").tag("direction", "outbound").functionCounter().count())
				.isEqualTo(1);
			assertThat(registry.get("libp2p.connections").tag("direction", "outbound").gauge().value()).isEqualTo(1);
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> registry.get("libp2p.transport.bytes")
					.tag("direction", "in")
					.functionCounter()
					.count() > 0);
			assertThat(registry.get("libp2p.peers.known").gauge().value()).isGreaterThanOrEqualTo(1);
			assertThat(registry.get("libp2p.connections.closed").functionCounters()).hasSize(7);
			assertThat(registry.get("libp2p.resources.blocked").functionCounters()).hasSize(24);
			assertThat(registry.get("libp2p.resources.file.descriptors").gauge().value()).isEqualTo(1);
			assertThat(registry.get("libp2p.upgrade.failures").functionCounters()).hasSize(8);

			// a third inbound ping stream is one more than a peer may hold open
			SimpleMeterRegistry serverRegistry = new SimpleMeterRegistry();
			server.getBean(Libp2pMetrics.class).bindTo(serverRegistry);
			Connection connection = client.getBean(Swarm.class).connection(serverSwarm.localPeer()).orElseThrow();
			for (int i = 0; i < 3; i++) {
				connection.newStream(List.of("/ipfs/ping/1.0.0"), (c, stream) -> {
				}).get(10, TimeUnit.SECONDS);
			}
			// the meter appears with the next refresh of protocols, within 5 s
			await().atMost(20, TimeUnit.SECONDS)
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(serverRegistry.get("libp2p.streams.failed")
					.tag("protocol", "/ipfs/ping/1.0.0")
					.tag("cause", "limit")
					.functionCounter()
					.count()).isEqualTo(1));
			assertThat(serverRegistry.get("libp2p.resources.streams").tag("direction", "inbound").gauge().value())
				.as("the ping streams the server kept")
				.isGreaterThanOrEqualTo(2);
		}));
	}

}
