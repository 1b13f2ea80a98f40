package io.jlibp2p.spring.autoconfigure.web;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Spring applications with the auto-configured node find each other through the REST
 * API alone: one dials the other, pings it, and both list each other as peers and count
 * the connection in their health details.
 */
@SuppressWarnings("unchecked")
class TwoApplicationsTests {

	@TempDir
	Path directory;

	private ConfigurableApplicationContext start(String name) {
		return new SpringApplication(Application.class).run("--server.port=0", "--libp2p.rest.enabled=true",
				"--libp2p.identity.key-file=" + this.directory.resolve(name + ".key"),
				"--management.endpoints.web.exposure.include=health",
				"--management.endpoint.health.show-details=always");
	}

	private static RestClient http(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return RestClient.create("http://127.0.0.1:" + port);
	}

	@Test
	void dialPingAndSeeEachOther() {
		try (ConfigurableApplicationContext alice = start("alice"); ConfigurableApplicationContext bob = start("bob")) {
			RestClient toAlice = http(alice);
			RestClient toBob = http(bob);
			Map<String, Object> bobNode = toBob.get()
				.uri("/libp2p/node")
				.retrieve()
				.body(new ParameterizedTypeReference<>() {
				});
			String bobAddress = ((List<String>) bobNode.get("listenAddresses")).get(0);
			String bobPeer = (String) bobNode.get("peerId");

			Map<String, Object> dialed = toAlice.post()
				.uri("/libp2p/dial")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("address", bobAddress))
				.retrieve()
				.body(new ParameterizedTypeReference<>() {
				});
			assertThat(dialed).containsEntry("peerId", bobPeer);
			Map<String, Object> ping = toAlice.post()
				.uri("/libp2p/peers/" + bobPeer + "/ping")
				.retrieve()
				.body(new ParameterizedTypeReference<>() {
				});
			assertThat((Double) ping.get("rttMs")).isPositive();

			String alicePeer = (String) toAlice.get()
				.uri("/libp2p/node")
				.retrieve()
				.body(new ParameterizedTypeReference<Map<String, Object>>() {
				})
				.get("peerId");
			await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
				assertThat(peerIds(toAlice)).containsExactly(bobPeer);
				assertThat(peerIds(toBob)).containsExactly(alicePeer);
				assertThat(healthConnections(toAlice)).isEqualTo(1);
				assertThat(healthConnections(toBob)).isEqualTo(1);
			});
		}
	}

	private static List<Object> peerIds(RestClient http) {
		List<Map<String, Object>> peers = http.get()
			.uri("/libp2p/peers")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		return peers.stream().map((peer) -> peer.get("peerId")).toList();
	}

	private static Object healthConnections(RestClient http) {
		Map<String, Object> health = http.get()
			.uri("/actuator/health")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		Map<String, Object> libp2p = (Map<String, Object>) ((Map<String, Object>) health.get("components"))
			.get("libp2p");
		return ((Map<String, Object>) libp2p.get("details")).get("connections");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
