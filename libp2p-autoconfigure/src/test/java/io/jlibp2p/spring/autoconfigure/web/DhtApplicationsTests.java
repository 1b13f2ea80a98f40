package io.jlibp2p.spring.autoconfigure.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

import io.jlibp2p.multiformats.Multibase;
import io.jlibp2p.multiformats.Multihash;
import io.jlibp2p.protocol.kad.RecordValidator;
import io.jlibp2p.swarm.Swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Spring applications share a DHT through the REST API: one bootstraps from the
 * other, stores a record and provides a key, the other reads both; bad requests get
 * problem details.
 */
@SuppressWarnings("unchecked")
class DhtApplicationsTests {

	@TempDir
	Path directory;

	private ConfigurableApplicationContext alice;

	private ConfigurableApplicationContext bob;

	@BeforeEach
	void start() {
		this.alice = start("alice");
		Swarm aliceSwarm = this.alice.getBean(Swarm.class);
		this.bob = start("bob",
				"--libp2p.bootstrap.peers=" + aliceSwarm.listenAddresses().get(0).withPeerId(aliceSwarm.localPeer()));
		await().atMost(10, TimeUnit.SECONDS)
			.untilAsserted(
					() -> assertThat(http(this.alice).get().uri("/libp2p/dht/routing-table").retrieve().body(Map.class))
						.containsEntry("size", 1));
	}

	@AfterEach
	void stop() {
		this.bob.close();
		this.alice.close();
	}

	private ConfigurableApplicationContext start(String name, String... more) {
		List<String> arguments = new java.util.ArrayList<>(List.of("--server.port=0", "--libp2p.rest.enabled=true",
				"--libp2p.identity.key-file=" + this.directory.resolve(name + ".key"), "--libp2p.pubsub.router=none",
				"--libp2p.kad.open-namespaces=demo", "--management.endpoints.web.exposure.include=health,libp2p",
				"--management.endpoint.health.show-details=always"));
		arguments.addAll(List.of(more));
		return new SpringApplication(Application.class).run(arguments.toArray(String[]::new));
	}

	private static RestClient http(ConfigurableApplicationContext context) {
		return RestClient.builder()
			.baseUrl(url(context, ""))
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	private static String url(ConfigurableApplicationContext context, String path) {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort() + path;
	}

	@Test
	void recordsProvidersAndPeersAreFoundThroughTheOtherApplication() {
		Swarm bobSwarm = this.bob.getBean(Swarm.class);
		byte[] pkKey = RecordValidator.publicKeyKey(bobSwarm.localPeer());
		String key = Multibase.BASE58BTC.encode(pkKey).substring(1);
		byte[] value = bobSwarm.identity().publicKey().marshal();
		Map<String, Object> stored = http(this.bob).put()
			.uri(URI.create(url(this.bob, "/libp2p/dht/records/" + key + "?encoding=base58btc")))
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(value)
			.retrieve()
			.body(Map.class);
		assertThat(stored).containsEntry("peers", 1);
		ResponseEntity<byte[]> read = http(this.alice).get()
			.uri(URI.create(url(this.alice, "/libp2p/dht/records/" + key + "?encoding=base58btc")))
			.retrieve()
			.toEntity(byte[].class);
		assertThat(read.getStatusCode().value()).isEqualTo(200);
		assertThat(read.getBody()).isEqualTo(value);

		String content = Multibase.BASE58BTC
			.encode(Multihash.sha256("a file".getBytes(StandardCharsets.UTF_8)).toBytes())
			.substring(1);
		assertThat(http(this.bob).post()
			.uri(URI.create(url(this.bob, "/libp2p/dht/providers/" + content + "?encoding=base58btc")))
			.retrieve()
			.body(Map.class)).containsEntry("peers", 1);
		List<Map<String, Object>> providers = http(this.alice).get()
			.uri(URI.create(url(this.alice, "/libp2p/dht/providers/" + content + "?encoding=base58btc")))
			.retrieve()
			.body(List.class);
		assertThat(providers).extracting((provider) -> provider.get("peerId"))
			.containsExactly(bobSwarm.localPeer().toString());

		Map<String, Object> found = http(this.alice).get()
			.uri("/libp2p/dht/peers/" + bobSwarm.localPeer())
			.retrieve()
			.body(Map.class);
		assertThat((List<String>) found.get("addresses")).isNotEmpty();

		Map<String, Object> endpoint = http(this.alice).get().uri("/actuator/libp2p").retrieve().body(Map.class);
		assertThat(((Map<String, List<String>>) endpoint.get("routingTable")).values()).singleElement()
			.isEqualTo(List.of(bobSwarm.localPeer().toString()));
		Map<String, Object> health = http(this.bob).get().uri("/actuator/health").retrieve().body(Map.class);
		Map<String, Object> libp2p = (Map<String, Object>) ((Map<String, Object>) health.get("components"))
			.get("libp2p");
		assertThat(libp2p).containsEntry("status", "UP");
		assertThat((Map<String, Object>) libp2p.get("details")).containsEntry("routingTablePeers", 1);
		// one timer per operation type and outcome: its count and its times
		Timer puts = this.bob.getBean(MeterRegistry.class)
			.get("libp2p.kad.queries")
			.tags("type", "put_value", "outcome", "success")
			.timer();
		assertThat(puts.count()).isEqualTo(1);
		assertThat(puts.totalTime(TimeUnit.NANOSECONDS)).isPositive();
	}

	@Test
	void anOpenNamespaceTakesAnyTextAndTheNewestValueWins() {
		// a text key keeps its slashes in the path: Tomcat refuses an encoded one (%2F)
		String path = "/libp2p/dht/records//demo/gr%C3%BC%C3%9Fe";
		for (String value : List.of("hello", "hello again")) {
			ResponseEntity<Map> stored = http(this.alice).put()
				.uri(URI.create(url(this.alice, path)))
				.contentType(MediaType.TEXT_PLAIN)
				.body(value)
				.retrieve()
				.toEntity(Map.class);
			assertThat(stored.getStatusCode().value()).isEqualTo(200);
			assertThat(stored.getBody()).containsEntry("peers", 1);
		}
		assertThat(http(this.bob).get().uri(URI.create(url(this.bob, path))).retrieve().body(String.class))
			.isEqualTo("hello again");
		assertProblem(http(this.alice).put()
			.uri(URI.create(url(this.alice, "/libp2p/dht/records//closed/greeting")))
			.contentType(MediaType.TEXT_PLAIN)
			.body("hello")
			.retrieve()
			.toEntity(Map.class), 400);
	}

	@Test
	void badKeysOversizedValuesAndMissingRecordsGetProblemDetails() {
		RestClient toAlice = http(this.alice);
		assertProblem(toAlice.get()
			.uri(URI.create(url(this.alice, "/libp2p/dht/records/nothing-here")))
			.retrieve()
			.toEntity(Map.class), 404);
		assertProblem(toAlice.put()
			.uri(URI.create(url(this.alice, "/libp2p/dht/records/pk/x")))
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(new byte[20 * 1024])
			.retrieve()
			.toEntity(Map.class), 413);
		assertProblem(toAlice.put()
			.uri(URI.create(url(this.alice, "/libp2p/dht/records//pk/not-a-peer")))
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(new byte[] { 1, 2, 3 })
			.retrieve()
			.toEntity(Map.class), 400);
		assertProblem(toAlice.get()
			.uri(URI.create(url(this.alice, "/libp2p/dht/records/0OIl?encoding=base58btc")))
			.retrieve()
			.toEntity(Map.class), 400);
		assertProblem(toAlice.get().uri("/libp2p/dht/peers/not-a-peer-id").retrieve().toEntity(Map.class), 400);
	}

	private static void assertProblem(ResponseEntity<Map> response, int status) {
		assertThat(response.getStatusCode().value()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).containsKey("detail");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
