package io.jlibp2p.spring.autoconfigure.web;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dial to a socket that accepts but never answers gives up after
 * {@code libp2p.rest.timeout} with a 504 problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "libp2p.rest.enabled=true",
		"libp2p.identity.key-file=target/rest-timeout-test-identity.key", "libp2p.rest.timeout=500ms" })
class RestTimeoutTests {

	@LocalServerPort
	int port;

	@Test
	void aSilentPeerTimesOutWith504() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> {
				try (Socket accepted = silent.accept()) {
					// Hold the connection open and say nothing until the test ends.
					accepted.getInputStream().readAllBytes();
				}
				catch (Exception ex) {
					// the test ended
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			ResponseEntity<Map> response = RestClient.builder()
				.baseUrl("http://127.0.0.1:" + this.port)
				.defaultStatusHandler(HttpStatusCode::isError, (request, reply) -> {
				})
				.build()
				.post()
				.uri("/libp2p/dial")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("address", "/ip4/127.0.0.1/tcp/" + silent.getLocalPort()))
				.retrieve()
				.toEntity(Map.class);
			assertThat(response.getStatusCode().value()).isEqualTo(504);
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.getBody()).containsEntry("title", "Timed out");
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
