package io.jlibp2p.spring.autoconfigure.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.swarm.Swarm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST API over real HTTP, against a real second node.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "libp2p.rest.enabled=true", "libp2p.rest.dial-denied=192.0.2.0/24",
				"libp2p.identity.key-file=target/rest-test-identity.key", "libp2p.rest.timeout=3s" })
@SuppressWarnings("unchecked")
class Libp2pRestControllerTests {

	private static Swarm peer;

	@LocalServerPort
	int port;

	private RestClient http;

	@BeforeAll
	static void startPeer() {
		peer = Swarm.builder()
			.identity(Keys.generate(KeyType.ED25519))
			.behaviour(new Ping(new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60))))
			.behaviour(new Identify(IdentifyConfig.DEFAULT))
			.build();
		peer.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).join();
	}

	@AfterAll
	static void stopPeer() {
		peer.close();
	}

	@BeforeEach
	void client() {
		this.http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port + "/libp2p")
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	private String peerAddress() {
		return peer.listenAddresses().get(0).withPeerId(peer.localPeer()).toString();
	}

	private ResponseEntity<Map<String, Object>> post(String path, Object body) {
		return this.http.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(new ParameterizedTypeReference<>() {
			});
	}

	@Test
	void refusesToDialADeniedNetwork() {
		ResponseEntity<Map<String, Object>> refused = post("/dial", Map.of("address", "/ip4/192.0.2.7/tcp/4001"));
		assertThat(refused.getStatusCode().value()).isEqualTo(403);
		assertThat((String) refused.getBody().get("detail")).contains("libp2p.rest.dial-allowed");
		assertThat(post("/dial", Map.of("address", peerAddress())).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void takesDialRequestsAsJsonOnly() {
		try (Swarm target = Swarm.builder().identity(Keys.generate(KeyType.ED25519)).build()) {
			String address = target.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))
				.join()
				.withPeerId(target.localPeer())
				.toString();
			for (MediaType type : List.of(MediaType.TEXT_PLAIN, MediaType.APPLICATION_FORM_URLENCODED)) {
				ResponseEntity<Map<String, Object>> refused = this.http.post()
					.uri("/dial")
					.contentType(type)
					.body("{\"address\": \"" + address + "\"}")
					.retrieve()
					.toEntity(new ParameterizedTypeReference<>() {
					});
				assertThat(refused.getStatusCode().value()).as(type.toString()).isEqualTo(415);
				assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			}
			assertThat(target.connections()).as("nothing was dialed").isEmpty();
		}
	}

	@Test
	void describesTheNode() {
		Map<String, Object> node = this.http.get().uri("/node").retrieve().body(new ParameterizedTypeReference<>() {
		});
		assertThat((String) node.get("peerId")).startsWith("12D3KooW");
		assertThat((List<Object>) node.get("protocols")).contains("/ipfs/ping/1.0.0", "/ipfs/id/1.0.0");
		assertThat((List<?>) node.get("listenAddresses")).singleElement()
			.asString()
			.startsWith("/ip4/127.0.0.1/tcp/")
			.endsWith("/p2p/" + node.get("peerId"));
		assertThat(node.get("agentVersion")).isEqualTo("jlibp2p");
	}

	@Test
	void dialsListsPingsAndDisconnectsAPeer() {
		ResponseEntity<Map<String, Object>> dialed = post("/dial", Map.of("address", peerAddress()));
		assertThat(dialed.getStatusCode().value()).isEqualTo(200);
		assertThat(dialed.getBody()).containsEntry("peerId", peer.localPeer().toString());

		ResponseEntity<Map<String, Object>> pinged = post("/peers/" + peer.localPeer() + "/ping", "");
		assertThat(pinged.getStatusCode().value()).isEqualTo(200);
		assertThat((Double) pinged.getBody().get("rttMs")).isPositive();

		await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
			List<Map<String, Object>> peers = this.http.get()
				.uri("/peers")
				.retrieve()
				.body(new ParameterizedTypeReference<>() {
				});
			assertThat(peers).singleElement().satisfies((view) -> {
				assertThat(view.get("peerId")).isEqualTo(peer.localPeer().toString());
				assertThat((List<Object>) view.get("protocols")).contains("/ipfs/ping/1.0.0");
				assertThat((List<?>) view.get("connections")).singleElement()
					.asString()
					.contains("direction=outbound", "muxer=/yamux/1.0.0", "security=/noise");
				assertThat(view.get("latencyMs")).isNotNull();
			});
		});

		assertThat(this.http.delete()
			.uri("/peers/" + peer.localPeer())
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(204);
		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> this.http.get().uri("/peers").retrieve().body(List.class).isEmpty());
	}

	@Test
	void answersBadInputWithProblemDetails() {
		ResponseEntity<Map<String, Object>> badAddress = post("/dial", Map.of("address", "/ip4/1.2.3/tcp/1"));
		assertThat(badAddress.getStatusCode().value()).isEqualTo(400);
		assertThat(badAddress.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(badAddress.getBody()).containsEntry("status", 400)
			.containsEntry("detail", "invalid ip4 address '1.2.3': expected four dotted decimals")
			.doesNotContainKey("trace");
		assertThat(post("/dial", Map.of()).getStatusCode().value()).isEqualTo(400);
		assertThat(post("/dial", "{not json").getStatusCode().value()).isEqualTo(400);
		ResponseEntity<Map<String, Object>> huge = post("/dial", Map.of("address", "/ip4/127.0.0.1".repeat(400)));
		assertThat(huge.getStatusCode().value()).isEqualTo(413);
		assertThat(huge.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(post("/peers/not-a-peer/ping", "").getBody()).containsEntry("status", 400);
		String stranger = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";
		ResponseEntity<Map<String, Object>> unknown = post("/peers/" + stranger + "/ping", "");
		assertThat(unknown.getStatusCode().value()).isEqualTo(404);
		assertThat((String) unknown.getBody().get("detail")).contains(stranger);
		assertThat(this.http.delete().uri("/peers/" + stranger).retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(404);
	}

	@Test
	void reportsDialFailuresAsBadGatewayWithTheCause() {
		ResponseEntity<Map<String, Object>> refused = post("/dial", Map.of("address", "/ip4/127.0.0.1/tcp/1"));
		assertThat(refused.getStatusCode().value()).isEqualTo(502);
		assertThat((String) refused.getBody().get("detail")).containsIgnoringCase("refused");
		String wrongPeer = peer.listenAddresses().get(0) + "/p2p/12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";
		ResponseEntity<Map<String, Object>> mismatch = post("/dial", Map.of("address", wrongPeer));
		assertThat(mismatch.getStatusCode().value()).isEqualTo(502);
		assertThat((String) mismatch.getBody().get("detail")).contains("but the remote peer is " + peer.localPeer());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
