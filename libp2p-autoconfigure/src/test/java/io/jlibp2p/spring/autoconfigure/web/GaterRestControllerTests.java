package io.jlibp2p.spring.autoconfigure.web;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.spring.autoconfigure.Libp2pMetrics;
import io.jlibp2p.spring.autoconfigure.PeerBlockedEvent;
import io.jlibp2p.swarm.Swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gater's REST API over real HTTP against a real second node: the configured lists,
 * blocking a connected peer (its connection closes at once, dials to it are refused and
 * counted, an event is published), unblocking it, and problem details for a bad PeerId.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "libp2p.rest.enabled=true", "libp2p.identity.key-file=target/gater-test-identity.key",
				"libp2p.rest.timeout=3s", "libp2p.gater.deny-networks=192.0.2.0/24",
				"libp2p.gater.deny-peers=12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq" })
@SuppressWarnings("unchecked")
class GaterRestControllerTests {

	private static Swarm peer;

	@LocalServerPort
	int port;

	@Autowired
	Swarm swarm;

	@Autowired
	BlockEvents events;

	private RestClient http;

	@BeforeAll
	static void startPeer() {
		peer = Swarm.builder().identity(Keys.generate(KeyType.ED25519)).build();
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

	private ResponseEntity<Map<String, Object>> call(String method, String path) {
		return this.http.method(HttpMethod.valueOf(method))
			.uri(path)
			.retrieve()
			.toEntity(new ParameterizedTypeReference<>() {
			});
	}

	private ResponseEntity<Map<String, Object>> dial() {
		return this.http.post()
			.uri("/dial")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("address", peer.listenAddresses().get(0).withPeerId(peer.localPeer()).toString()))
			.retrieve()
			.toEntity(new ParameterizedTypeReference<>() {
			});
	}

	@Test
	void showsTheConfiguredListsAndTheRefusals() {
		Map<String, Object> gater = call("GET", "/gater").getBody();
		assertThat((List<String>) gater.get("denyNetworks")).containsExactly("192.0.2.0/24");
		assertThat((List<String>) gater.get("denyPeers"))
			.containsExactly("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq");
		assertThat((List<String>) gater.get("allowPeers")).isEmpty();
		assertThat((Map<String, Object>) gater.get("refused")).containsOnlyKeys("peer_dial", "address_dial", "accept",
				"secured", "upgraded");
	}

	@Test
	void blockingAConnectedPeerClosesItsConnectionAndKeepsItOutUntilUnblocked() {
		assertThat(dial().getStatusCode().value()).isEqualTo(200);
		ResponseEntity<Map<String, Object>> blocked = call("PUT", "/gater/blocked-peers/" + peer.localPeer());
		assertThat(blocked.getStatusCode().value()).isEqualTo(200);
		assertThat((List<String>) blocked.getBody().get("blockedPeers")).containsExactly(peer.localPeer().toString());
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.swarm.connections().isEmpty());
		assertThat(this.events.received).containsExactly(new PeerBlockedEvent(peer.localPeer(), true));

		ResponseEntity<Map<String, Object>> refused = dial();
		assertThat(refused.getStatusCode().value()).isEqualTo(502);
		assertThat((String) refused.getBody().get("detail")).contains("gater");
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new Libp2pMetrics(this.swarm, null, null).bindTo(registry);
		assertThat(registry.get("libp2p.gater.refused").tag("checkpoint", "peer_dial").functionCounter().count())
			.isEqualTo(1);

		ResponseEntity<Map<String, Object>> unblocked = call("DELETE", "/gater/blocked-peers/" + peer.localPeer());
		assertThat((List<String>) unblocked.getBody().get("blockedPeers")).isEmpty();
		assertThat(this.events.received).last().isEqualTo(new PeerBlockedEvent(peer.localPeer(), false));
		assertThat(dial().getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void refusesWhatIsNoPeerId() {
		ResponseEntity<Map<String, Object>> bad = call("PUT", "/gater/blocked-peers/not-a-peer");
		assertThat(bad.getStatusCode().value()).isEqualTo(400);
		assertThat(bad.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		BlockEvents blockEvents() {
			return new BlockEvents();
		}

	}

	static class BlockEvents {

		final List<PeerBlockedEvent> received = new CopyOnWriteArrayList<>();

		@EventListener
		void on(PeerBlockedEvent event) {
			this.received.add(event);
		}

	}

}
