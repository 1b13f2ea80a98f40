package io.jlibp2p.spring.autoconfigure.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.protocol.pubsub.PubsubConfig;
import io.jlibp2p.swarm.Swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard under {@code src/grafana} queries only meters that a live node
 * really exposes: every {@code libp2p_*} series in its queries appears in a Prometheus
 * scrape of a node that has a peer, pings it and publishes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "libp2p.rest.enabled=true", "libp2p.identity.key-file=target/dashboard-test-identity.key",
				"libp2p.ping.interval=200ms", "libp2p.pubsub.topics=dashboard",
				"management.endpoints.web.exposure.include=prometheus" })
class GrafanaDashboardTests {

	private static final Path DASHBOARD = Path.of("..", "src", "grafana", "jlibp2p-dashboard.json");

	private static final Pattern SERIES = Pattern.compile("\\blibp2p_[a-z_]+");

	@LocalServerPort
	int port;

	@Autowired
	Swarm swarm;

	@Autowired
	Pubsub pubsub;

	@Test
	void everySeriesTheDashboardQueriesIsInALiveScrape() throws Exception {
		Set<String> queried = new TreeSet<>();
		Matcher matcher = SERIES.matcher(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
		while (matcher.find()) {
			queried.add(matcher.group());
		}
		assertThat(queried).hasSizeGreaterThan(15);

		Pubsub peerPubsub = new Pubsub(PubsubConfig.DEFAULT);
		try (Swarm peer = Swarm.builder()
			.identity(Keys.generate(KeyType.ED25519))
			.behaviour(new Ping(new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60))))
			.behaviour(peerPubsub)
			.build()) {
			peerPubsub.subscribe("dashboard").join();
			Multiaddr bound = peer.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).join();
			this.swarm.dial(bound.withPeerId(peer.localPeer())).get(10, TimeUnit.SECONDS);
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> this.pubsub.topics()
					.stream()
					.anyMatch((topic) -> topic.topic().equals("dashboard") && !topic.peers().isEmpty()));
			this.pubsub.publish("dashboard", "tick".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
			RestClient http = RestClient.create("http://127.0.0.1:" + this.port);
			await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> {
				String scrape = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
				Set<String> exposed = new TreeSet<>();
				for (String line : scrape.split("\n")) {
					Matcher name = SERIES.matcher(line);
					if (!line.startsWith("#") && name.lookingAt()) {
						exposed.add(name.group());
					}
				}
				assertThat(exposed).containsAll(queried);
			});
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
