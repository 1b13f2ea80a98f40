package io.jlibp2p.spring.autoconfigure.web;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import io.jlibp2p.protocol.perf.Perf;
import io.jlibp2p.resources.ScopeKind;
import io.jlibp2p.swarm.Swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three applications measure throughput to each other through {@code POST
 * /libp2p/peers/{peerId}/perf}: two with perf on, one with it off.
 */
@SuppressWarnings({ "rawtypes", "unchecked" })
class PerfApplicationsTests {

	private static final String FOUR_GB = "--libp2p.perf.max-bytes=4GB";

	@TempDir
	Path directory;

	private ConfigurableApplicationContext start(String name, String... more) {
		String[] args = { "--server.port=0", "--libp2p.rest.enabled=true",
				"--libp2p.identity.key-file=" + this.directory.resolve(name + ".key"), "--libp2p.rest.timeout=5s" };
		String[] all = new String[args.length + more.length];
		System.arraycopy(args, 0, all, 0, args.length);
		System.arraycopy(more, 0, all, args.length, more.length);
		return new SpringApplication(Application.class).run(all);
	}

	private static ResponseEntity<Map> perf(ConfigurableApplicationContext from, ConfigurableApplicationContext to,
			Object uploadBytes, Object downloadBytes) {
		int port = ((WebServerApplicationContext) from).getWebServer().getPort();
		return RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, reply) -> {
			})
			.build()
			.post()
			.uri("/libp2p/peers/" + swarm(to).localPeer() + "/perf")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("uploadBytes", uploadBytes, "downloadBytes", downloadBytes))
			.retrieve()
			.toEntity(Map.class);
	}

	private static Swarm swarm(ConfigurableApplicationContext context) {
		return context.getBean(Swarm.class);
	}

	private static void connect(ConfigurableApplicationContext from, ConfigurableApplicationContext to) {
		swarm(from).dial(swarm(to).listenAddresses().get(0).withPeerId(swarm(to).localPeer())).join();
	}

	@Test
	void measuresBothWaysAndRefusesWhatItMustNot() {
		try (ConfigurableApplicationContext alice = start("alice", "--libp2p.perf.enabled=true", FOUR_GB);
				ConfigurableApplicationContext bob = start("bob", "--libp2p.perf.enabled=true", FOUR_GB);
				ConfigurableApplicationContext carol = start("carol")) {
			connect(alice, bob);
			connect(alice, carol);

			ResponseEntity<Map> run = perf(alice, bob, 4 << 20, 4 << 20);
			assertThat(run.getStatusCode().value()).isEqualTo(200);
			assertThat(run.getBody()).containsEntry("uploadBytes", 4 << 20).containsEntry("downloadBytes", 4 << 20);
			assertThat(run.getBody()).extractingByKeys("uploadSeconds", "downloadSeconds", "uploadMbps", "downloadMbps")
				.allSatisfy((value) -> assertThat(((Number) value).doubleValue()).isPositive());

			assertProblem(perf(alice, bob, 5L << 30, 0), 400, "over libp2p.perf.max-bytes");
			assertProblem(perf(alice, bob, -1, 0), 400, "uploadBytes must be a whole number");
			assertProblem(perf(alice, bob, "lots", 0), 400, "uploadBytes must be a whole number");
			assertProblem(perf(alice, carol, 1024, 1024), 409, "does not serve " + Perf.ID);
			assertProblem(perf(carol, alice, 1024, 1024), 409, "perf is disabled on this node");

			// 4 GB cannot come down in 5 s here: the request times out and the transfer
			// stops
			assertProblem(perf(alice, bob, 0, 4L << 30), 504, "did not answer in time");
			await().atMost(10, TimeUnit.SECONDS)
				.untilAsserted(() -> assertThat(swarm(bob).resourceManager().usage(10))
					.noneMatch((usage) -> usage.scope() == ScopeKind.PROTOCOL && usage.name().equals(Perf.ID)));
			assertThat(swarm(alice).connection(swarm(bob).localPeer())).isPresent();
		}
	}

	private static void assertProblem(ResponseEntity<Map> response, int status, String detail) {
		assertThat(response.getStatusCode().value()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat((String) response.getBody().get("detail")).contains(detail);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
