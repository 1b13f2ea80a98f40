package io.jlibp2p.spring.autoconfigure.web;

import java.util.List;
import java.util.Map;

import io.jlibp2p.swarm.Swarm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health, info, the {@code libp2p} endpoint and the Prometheus scrape over real HTTP, as
 * an operator sees them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "libp2p.rest.enabled=true", "libp2p.identity.key-file=target/actuator-test-identity.key",
				"management.endpoints.web.exposure.include=health,info,libp2p,prometheus",
				"management.endpoint.health.show-details=always", "management.endpoint.health.probes.enabled=true",
				"management.endpoint.health.group.readiness.include=readinessState,libp2p" })
@SuppressWarnings("unchecked")
class Libp2pActuatorTests {

	@LocalServerPort
	int port;

	@Autowired
	Swarm swarm;

	private RestClient http;

	@BeforeEach
	void client() {
		this.http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port + "/actuator")
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	@Test
	void healthShowsTheNodeUpWithDetails() {
		Map<String, Object> health = this.http.get().uri("/health").retrieve().body(new ParameterizedTypeReference<>() {
		});
		Map<String, Object> libp2p = (Map<String, Object>) ((Map<String, Object>) health.get("components"))
			.get("libp2p");
		assertThat(libp2p).containsEntry("status", "UP");
		assertThat((Map<String, Object>) libp2p.get("details"))
			.containsEntry("peerId", this.swarm.localPeer().toString())
			.containsEntry("connections", 0);
	}

	@Test
	void aReadinessGroupCanIncludeTheNode() {
		Map<String, Object> readiness = this.http.get()
			.uri("/health/readiness")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(readiness).containsEntry("status", "UP");
		assertThat((Map<String, Object>) readiness.get("components")).containsOnlyKeys("readinessState", "libp2p");
	}

	@Test
	void infoNamesTheNodeAndWhereToDialIt() {
		Map<String, Object> info = this.http.get().uri("/info").retrieve().body(new ParameterizedTypeReference<>() {
		});
		assertThat((Map<String, Object>) info.get("libp2p")).containsEntry("peerId", this.swarm.localPeer().toString())
			.containsEntry("listenAddresses",
					List.of(this.swarm.listenAddresses().get(0).withPeerId(this.swarm.localPeer()).toString()));
	}

	@Test
	void endpointShowsTheNodeAndAnswers404ForUnknownPeers() {
		Map<String, Object> node = this.http.get().uri("/libp2p").retrieve().body(new ParameterizedTypeReference<>() {
		});
		assertThat(node).containsEntry("peerId", this.swarm.localPeer().toString());
		assertThat((List<Object>) node.get("protocols")).contains("/ipfs/ping/1.0.0");
		assertThat(this.http.get()
			.uri("/libp2p/12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq")
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(404);
	}

	@Test
	void prometheusScrapeHasTheLibp2pMeters() {
		String scrape = this.http.get().uri("/prometheus").retrieve().body(String.class);
		assertThat(scrape).contains("libp2p_connections{direction=\"inbound\"}",
				"libp2p_connections_opened_total{direction=\"outbound\"}",
				"libp2p_connections_closed_total{cause=\"protocol_error\"}",
				"libp2p_upgrade_failures_total{stage=\"peer_mismatch\"}",
				"libp2p_transport_bytes_total{direction=\"in\"}", "libp2p_peers_known");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
