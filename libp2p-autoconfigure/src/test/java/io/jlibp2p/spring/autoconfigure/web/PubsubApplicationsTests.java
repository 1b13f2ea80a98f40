package io.jlibp2p.spring.autoconfigure.web;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.protocol.pubsub.PubsubMetrics.Outcome;
import io.jlibp2p.protocol.pubsub.TopicValidator;
import io.jlibp2p.protocol.pubsub.ValidationResult;
import io.jlibp2p.security.noise.NoiseCiphers;
import io.jlibp2p.spring.autoconfigure.pubsub.PubsubMessageEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Two Spring applications exchange pubsub messages: published over REST, received by an
 * {@code @EventListener} filtered by topic, listed as recent messages, streamed as
 * server-sent events, checked by a validator bean; bad requests get problem details.
 */
@SuppressWarnings("unchecked")
class PubsubApplicationsTests {

	private static final String TOPIC = "news/eu · ß";

	// The topic as a path: slashes stay, the rest is percent-encoded UTF-8.
	private static final String TOPIC_PATH = "news/eu%20%C2%B7%20%C3%9F";

	@TempDir
	Path directory;

	private ConfigurableApplicationContext alice;

	private ConfigurableApplicationContext bob;

	private RestClient toAlice;

	private RestClient toBob;

	@BeforeEach
	void start() {
		this.alice = start("alice");
		this.bob = start("bob");
		this.toAlice = http(this.alice);
		this.toBob = http(this.bob);
		Map<String, Object> bobNode = this.toBob.get().uri("/libp2p/node").retrieve().body(Map.class);
		this.toAlice.post()
			.uri("/libp2p/dial")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("address", ((List<String>) bobNode.get("listenAddresses")).get(0)))
			.retrieve()
			.toBodilessEntity();
		await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(topicPeers(this.toAlice)).hasSize(1));
	}

	@AfterEach
	void stop() {
		this.alice.close();
		this.bob.close();
	}

	private ConfigurableApplicationContext start(String name) {
		return new SpringApplication(Application.class).run("--server.port=0", "--libp2p.rest.enabled=true",
				"--libp2p.identity.key-file=" + this.directory.resolve(name + ".key"),
				"--libp2p.pubsub.topics[0]=" + TOPIC, "--libp2p.pubsub.max-message-size=64KB",
				"--libp2p.rest.stream-heartbeat=200ms", "--management.endpoints.web.exposure.include=health,libp2p",
				"--management.endpoint.health.show-details=always");
	}

	private static RestClient http(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	private static List<Object> topicPeers(RestClient http) {
		List<Map<String, Object>> topics = http.get().uri("/libp2p/pubsub/topics").retrieve().body(List.class);
		return topics.stream()
			.filter((topic) -> TOPIC.equals(topic.get("topic")))
			.flatMap((topic) -> ((List<Object>) topic.get("peers")).stream())
			.toList();
	}

	private ResponseEntity<Map<String, Object>> publishFromAlice(MediaType type, Object body) {
		return this.toAlice.post()
			.uri(URI.create(url(this.alice, "/libp2p/pubsub/topics/" + TOPIC_PATH + "/messages")))
			.contentType(type)
			.body(body)
			.retrieve()
			.toEntity(new ParameterizedTypeReference<>() {
			});
	}

	@Test
	void aLiveStreamWhoseClientWentAwayIsFreedByTheHeartbeat() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest sse = HttpRequest
			.newBuilder(URI.create(url(this.bob, "/libp2p/pubsub/topics/" + TOPIC_PATH + "/messages")))
			.header("Accept", "text/event-stream")
			.build();
		HttpResponse<java.io.InputStream> stream = client.send(sse, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(stream.statusCode()).isEqualTo(200);
		io.jlibp2p.spring.autoconfigure.pubsub.PubsubEventPublisher events = this.bob
			.getBean(io.jlibp2p.spring.autoconfigure.pubsub.PubsubEventPublisher.class);
		await().atMost(5, TimeUnit.SECONDS).until(() -> events.streamCount() == 1);
		// the client goes away; nothing is published on the topic
		stream.body().close();
		await().atMost(10, TimeUnit.SECONDS).until(() -> events.streamCount() == 0);
	}

	@Test
	void restPublishedMessagesReachTheOtherApplicationsListenerRecentLogAndLiveStream() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		CompletableFuture<String> streamed = new CompletableFuture<>();
		HttpRequest sse = HttpRequest
			.newBuilder(URI.create(url(this.bob, "/libp2p/pubsub/topics/" + TOPIC_PATH + "/messages")))
			.header("Accept", "text/event-stream")
			.build();
		HttpResponse<java.io.InputStream> stream = client.send(sse, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(stream.statusCode()).isEqualTo(200);
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.startsWith("data:")) {
						streamed.complete(line.substring(5));
						return;
					}
				}
			}
			catch (Exception ex) {
				streamed.completeExceptionally(ex);
			}
		});
		reader.setDaemon(true);
		reader.start();
		await().atMost(5, TimeUnit.SECONDS)
			.until(() -> this.bob.getBean(io.jlibp2p.spring.autoconfigure.pubsub.PubsubEventPublisher.class)
				.streamCount() == 1);

		ResponseEntity<Map<String, Object>> raw = publishFromAlice(MediaType.APPLICATION_OCTET_STREAM, "hello as text");
		assertThat(raw.getStatusCode().value()).isEqualTo(200);
		ResponseEntity<Map<String, Object>> json = publishFromAlice(MediaType.APPLICATION_JSON,
				Map.of("data", "hello as json"));
		assertThat(json.getBody()).containsKey("messageId");

		Inbox inbox = this.bob.getBean(Inbox.class);
		await().atMost(10, TimeUnit.SECONDS).until(() -> inbox.messages.size() == 2);
		assertThat(inbox.messages).extracting(PubsubMessageEvent::text)
			.containsExactly("hello as text", "hello as json");
		assertThat(inbox.messages).allSatisfy((event) -> {
			assertThat(event.topic()).isEqualTo(TOPIC);
			assertThat(event.from()).isEqualTo(this.alice.getBean(io.jlibp2p.swarm.Swarm.class).localPeer());
		});
		assertThat(inbox.otherTopics).isEmpty();
		assertThat(streamed.get(10, TimeUnit.SECONDS)).contains("hello as text")
			.contains(raw.getBody().get("messageId").toString());

		List<Map<String, Object>> recent = this.toBob.get()
			.uri(URI.create(url(this.bob, "/libp2p/pubsub/topics/" + TOPIC_PATH + "/messages")))
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.body(List.class);
		assertThat(recent).extracting((message) -> message.get("data"))
			.containsExactly("hello as text", "hello as json");
		assertThat(recent.get(1).get("messageId")).isEqualTo(json.getBody().get("messageId"));
	}

	@Test
	void anOpenStreamEndsWhenTheApplicationStopsSoItDoesNotHoldUpShutdown() throws Exception {
		HttpRequest sse = HttpRequest
			.newBuilder(URI.create(url(this.bob, "/libp2p/pubsub/topics/" + TOPIC_PATH + "/messages")))
			.header("Accept", "text/event-stream")
			.build();
		HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient()
			.send(sse, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(stream.statusCode()).isEqualTo(200);
		CompletableFuture<Void> stopped = CompletableFuture.runAsync(this.bob::close);
		// Graceful shutdown would otherwise wait its 30 s phase timeout for the stream.
		await().atMost(20, TimeUnit.SECONDS).until(stopped::isDone);
		try (java.io.InputStream body = stream.body()) {
			assertThat(body.readAllBytes()).asString(StandardCharsets.UTF_8).startsWith(":messages of");
		}
	}

	@Test
	void actuatorShowsTopicsWithTheirMeshesTheNoiseCipherAndHealthTheMeshSizes() {
		String bobPeer = this.bob.getBean(io.jlibp2p.swarm.Swarm.class).localPeer().toString();
		await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
			Map<String, Object> node = this.toAlice.get().uri("/actuator/libp2p").retrieve().body(Map.class);
			assertThat((List<Map<String, Object>>) node.get("topics")).singleElement().satisfies((topic) -> {
				assertThat(topic).containsEntry("topic", TOPIC).containsEntry("subscribed", true);
				assertThat(topic).containsEntry("peers", List.of(bobPeer)).containsEntry("mesh", List.of(bobPeer));
			});
		});
		Map<String, Object> node = this.toAlice.get().uri("/actuator/libp2p").retrieve().body(Map.class);
		assertThat((Map<String, Object>) node.get("noiseCipher"))
			.containsEntry("implementation", NoiseCiphers.selected().implementation().id())
			.containsEntry("reason", NoiseCiphers.selected().reason());
		Map<String, Object> health = this.toAlice.get().uri("/actuator/health").retrieve().body(Map.class);
		Map<String, Object> libp2p = (Map<String, Object>) ((Map<String, Object>) health.get("components"))
			.get("libp2p");
		assertThat(libp2p).containsEntry("status", "UP");
		assertThat((Map<String, Object>) libp2p.get("details")).containsEntry("pubsubMeshPeers", Map.of(TOPIC, 1));
	}

	@Test
	void validatorBeansRejectMessagesBeforeListenersSeeThem() {
		publishFromAlice(MediaType.APPLICATION_OCTET_STREAM, "spam");
		publishFromAlice(MediaType.APPLICATION_OCTET_STREAM, "ham");
		Inbox inbox = this.bob.getBean(Inbox.class);
		await().atMost(10, TimeUnit.SECONDS).until(() -> inbox.messages.size() == 1);
		assertThat(inbox.messages.get(0).text()).isEqualTo("ham");
		assertThat(this.bob.getBean(Pubsub.class).metrics().messages(Outcome.REJECTED)).isEqualTo(1);
	}

	@Test
	void subscribeAndUnsubscribeOverRest() {
		ResponseEntity<Void> subscribed = this.toBob.post()
			.uri("/libp2p/pubsub/topics/weather/subscription")
			.retrieve()
			.toBodilessEntity();
		assertThat(subscribed.getStatusCode().value()).isEqualTo(204);
		await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
			List<Map<String, Object>> topics = this.toAlice.get()
				.uri("/libp2p/pubsub/topics")
				.retrieve()
				.body(List.class);
			assertThat(topics).anySatisfy((topic) -> {
				assertThat(topic.get("topic")).isEqualTo("weather");
				assertThat(topic.get("subscribed")).isEqualTo(false);
				assertThat((List<Object>) topic.get("peers")).hasSize(1);
			});
		});
		ResponseEntity<Void> unsubscribed = this.toBob.delete()
			.uri("/libp2p/pubsub/topics/weather/subscription")
			.retrieve()
			.toBodilessEntity();
		assertThat(unsubscribed.getStatusCode().value()).isEqualTo(204);
		assertThat(this.toBob.delete()
			.uri("/libp2p/pubsub/topics/weather/subscription")
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(404);
	}

	@Test
	void badRequestsGetProblemDetails() {
		for (MediaType form : List.of(MediaType.TEXT_PLAIN, MediaType.APPLICATION_FORM_URLENCODED)) {
			assertProblem(this.toAlice.post()
				.uri(URI.create(url(this.alice, "/libp2p/pubsub/topics/" + TOPIC_PATH + "/messages")))
				.contentType(form)
				.body("hello")
				.retrieve()
				.toEntity(Map.class), 415, "cross-site form");
		}
		assertProblem(this.toAlice.post()
			.uri(URI.create(url(this.alice, "/libp2p/pubsub/topics/" + TOPIC_PATH + "/messages")))
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(new byte[65 * 1024])
			.retrieve()
			.toEntity(Map.class), 413, "max-message-size");
		assertProblem(this.toAlice.post()
			.uri(URI.create(url(this.alice, "/libp2p/pubsub/topics//messages")))
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body("x")
			.retrieve()
			.toEntity(Map.class), 400, "empty");
		// Tomcat refuses a path that is not UTF-8 itself, before Spring MVC sees it; the
		// starter's valve makes that a problem too. The strict decoding behind the topic
		// path is tested on its own below.
		assertProblem(this.toAlice.post()
			.uri(URI.create(url(this.alice, "/libp2p/pubsub/topics/bad%FF%FEtopic/subscription")))
			.retrieve()
			.toEntity(Map.class), 400, "not UTF-8");
		ResponseEntity<String> elsewhere = this.toAlice.get()
			.uri(URI.create(url(this.alice, "/other/bad%FF%FE")))
			.retrieve()
			.toEntity(String.class);
		assertThat(elsewhere.getStatusCode().value()).isEqualTo(400);
		assertThat(elsewhere.getHeaders().getContentType()).isNotEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThatIllegalArgumentException().isThrownBy(() -> PercentDecoding.decode("bad%FF%FEtopic"))
			.withMessageContaining("not valid UTF-8");
		assertThatIllegalArgumentException().isThrownBy(() -> PercentDecoding.decode("bad%F"))
			.withMessageContaining("truncated");
		assertThat(PercentDecoding.decode(TOPIC_PATH)).isEqualTo(TOPIC);
		assertProblem(this.toAlice.get()
			.uri("/libp2p/pubsub/topics/never-subscribed/messages")
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.toEntity(Map.class), 404, "does not subscribe");
		assertProblem(this.toAlice.post()
			.uri(URI.create(url(this.alice, "/libp2p/pubsub/topics/" + TOPIC_PATH + "/messages")))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"nothing\": 1}")
			.retrieve()
			.toEntity(Map.class), 400, "{\"data\"");
	}

	private static void assertProblem(ResponseEntity<Map> response, int status, String detail) {
		assertThat(response.getStatusCode().value()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat((String) response.getBody().get("detail")).contains(detail);
	}

	private static String url(ConfigurableApplicationContext context, String path) {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort() + path;
	}

	/** Records the messages of the test topic, as an application would. */
	static class Inbox {

		final List<PubsubMessageEvent> messages = new CopyOnWriteArrayList<>();

		final List<PubsubMessageEvent> otherTopics = new CopyOnWriteArrayList<>();

		@EventListener(condition = "#event.topic() == 'news/eu · ß'")
		void onNews(PubsubMessageEvent event) {
			this.messages.add(event);
		}

		@EventListener(condition = "#event.topic() != 'news/eu · ß'")
		void onOther(PubsubMessageEvent event) {
			this.otherTopics.add(event);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		Inbox inbox() {
			return new Inbox();
		}

		@Bean
		TopicValidator noSpam() {
			return new TopicValidator() {

				@Override
				public String topic() {
					return TOPIC;
				}

				@Override
				public java.util.concurrent.CompletionStage<ValidationResult> validate(
						io.jlibp2p.protocol.pubsub.PubsubMessage message) {
					return CompletableFuture
						.completedFuture("spam".equals(new String(message.data(), StandardCharsets.UTF_8))
								? ValidationResult.REJECT : ValidationResult.ACCEPT);
				}

			};
		}

	}

}
