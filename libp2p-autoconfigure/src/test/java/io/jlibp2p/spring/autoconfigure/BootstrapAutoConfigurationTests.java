package io.jlibp2p.spring.autoconfigure;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import io.jlibp2p.swarm.Swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code libp2p.bootstrap.peers}: dialed at start, reported in health, and an isolated
 * node is out of service.
 */
class BootstrapAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner(String keyName) {
		return Libp2pRunners.runner(this.directory.resolve(keyName), Libp2pAutoConfiguration.class);
	}

	@Test
	void connectsToBootstrapPeersAndGoesOutOfServiceWithoutThem() {
		runner("bootstrap.key").run((bootstrap) -> {
			Swarm bootstrapSwarm = bootstrap.getBean(Swarm.class);
			String address = bootstrapSwarm.listenAddresses().get(0).withPeerId(bootstrapSwarm.localPeer()).toString();
			runner("node.key")
				.withPropertyValues("libp2p.bootstrap.peers=" + address, "libp2p.bootstrap.min-backoff=100ms")
				.run((node) -> {
					Libp2pHealthIndicator health = node.getBean(Libp2pHealthIndicator.class);
					await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
						Health current = health.health(true);
						assertThat(current.getStatus()).isEqualTo(Status.UP);
						assertThat(current.getDetails()).containsEntry("bootstrapPeers",
								Map.of("configured", 1, "connected", 1L));
					});
					((ConfigurableApplicationContext) bootstrap.getSourceApplicationContext()).close();
					await().atMost(10, TimeUnit.SECONDS)
						.untilAsserted(
								() -> assertThat(health.health(true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE));
				});
		});
	}

	@Test
	void refusesBootstrapAddressesWithoutPeerId() {
		runner("node.key").withPropertyValues("libp2p.bootstrap.peers=/ip4/127.0.0.1/tcp/4001")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("libp2p.bootstrap.peers")
				.hasMessageContaining("lacks /p2p/"));
	}

}
