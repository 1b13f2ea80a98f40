package io.jlibp2p.spring.autoconfigure.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP: with {@code libp2p.rest.allowed-clients} not including loopback, a
 * request from 127.0.0.1 is refused with a 403 problem before any controller, and the
 * application's other endpoints stay reachable. (Every other REST test runs with the
 * default, loopback allowed.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "libp2p.rest.enabled=true", "libp2p.identity.key-file=target/client-filter-identity.key",
				"libp2p.rest.allowed-clients=192.0.2.0/24", "management.endpoints.web.exposure.include=health" })
class RestClientFilterTests {

	@LocalServerPort
	int port;

	@Test
	void clientsOutsideTheAllowedNetworksAreRefused() {
		RestClient http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
		ResponseEntity<String> refused = http.get().uri("/libp2p/peers").retrieve().toEntity(String.class);
		assertThat(refused.getStatusCode().value()).isEqualTo(403);
		assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(refused.getBody()).contains("libp2p.rest.allowed-clients");
		assertThat(http.get().uri("/actuator/health").retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(200);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
