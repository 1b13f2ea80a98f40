package io.jlibp2p.spring.autoconfigure.reqresp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.reqresp.RequestResponseException;
import io.jlibp2p.protocol.reqresp.RequestResponseException.Reason;
import io.jlibp2p.swarm.Swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Two Spring applications: one serves {@link Libp2pProtocol} methods, the other calls
 * them through the {@link Libp2pRequester}, with records as JSON, strings, a returned
 * stage, a handler that throws, a request that does not convert, an unknown protocol and
 * a timeout, each seen by the caller with its own reason and counted on both sides.
 */
class RequestResponseApplicationsTests {

	@TempDir
	Path directory;

	private ConfigurableApplicationContext client;

	private ConfigurableApplicationContext server;

	private Libp2pRequester requester;

	private PeerId serverPeer;

	@BeforeEach
	void start() {
		this.server = start("server", ServerApplication.class);
		this.client = start("client", ClientApplication.class, "--libp2p.request-response.timeout=1s");
		Swarm serverSwarm = this.server.getBean(Swarm.class);
		this.serverPeer = serverSwarm.localPeer();
		this.client.getBean(Swarm.class).dial(serverSwarm.listenAddresses().get(0).withPeerId(this.serverPeer)).join();
		this.requester = this.client.getBean(Libp2pRequester.class);
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.close();
	}

	private ConfigurableApplicationContext start(String name, Class<?> application, String... more) {
		String[] arguments = new String[more.length + 2];
		arguments[0] = "--spring.main.web-application-type=none";
		arguments[1] = "--libp2p.identity.key-file=" + this.directory.resolve(name + ".key");
		System.arraycopy(more, 0, arguments, 2, more.length);
		return new SpringApplication(application).run(arguments);
	}

	private static Reason reason(CompletableFuture<?> response) {
		Throwable thrown = catchThrowable(response::join);
		assertThat(thrown).isInstanceOf(CompletionException.class).cause().isInstanceOf(RequestResponseException.class);
		return ((RequestResponseException) thrown.getCause()).reason();
	}

	private static double requests(ConfigurableApplicationContext context, String protocol, String direction,
			String outcome) {
		return context.getBean(MeterRegistry.class)
			.get("libp2p.requests")
			.tags("protocol", protocol, "direction", direction, "outcome", outcome)
			.functionCounter()
			.count();
	}

	@Test
	void handlersAnswerWithConvertedObjectsAndTheCallerSeesEachFailure() {
		Quote quote = this.requester
			.request(this.serverPeer, "/test/quote/1.0.0", new QuoteRequest("tea", 3), Quote.class)
			.join();
		assertThat(quote).isEqualTo(new Quote("tea", 3 * 250, this.client.getBean(Swarm.class).localPeer().toString()));
		assertThat(this.requester.request(this.serverPeer, "/test/echo/1.0.0", "hello", String.class).join())
			.isEqualTo("hello!");
		assertThat(this.requester.request(this.serverPeer, "/test/later/1.0.0", "soon", String.class).join())
			.isEqualTo("SOON");
		assertThat(this.requester.request(this.serverPeer, "/test/forget/1.0.0", "fire", Void.class).join()).isNull();
		assertThat(this.server.getBean(Handlers.class).forgotten).isEqualTo("fire");

		assertThat(reason(this.requester.request(this.serverPeer, "/test/quote/1.0.0",
				"not json".getBytes(StandardCharsets.UTF_8), Quote.class)))
			.isEqualTo(Reason.REMOTE_FAILURE);
		assertThat(reason(this.requester.request(this.serverPeer, "/test/failing/1.0.0", "x", String.class)))
			.isEqualTo(Reason.REMOTE_FAILURE);
		assertThat(reason(this.requester.request(this.serverPeer, "/test/unknown/1.0.0", "x", String.class)))
			.isEqualTo(Reason.UNSUPPORTED_PROTOCOL);
		assertThat(reason(this.requester.request(this.serverPeer, "/test/never/1.0.0", "x", String.class)))
			.isEqualTo(Reason.TIMEOUT);

		assertThat(requests(this.client, "/test/quote/1.0.0", "outbound", "success")).isEqualTo(1);
		assertThat(requests(this.client, "/test/quote/1.0.0", "outbound", "remote_failure")).isEqualTo(1);
		assertThat(requests(this.client, "/test/unknown/1.0.0", "outbound", "unsupported_protocol")).isEqualTo(1);
		assertThat(requests(this.client, "/test/never/1.0.0", "outbound", "timeout")).isEqualTo(1);
		await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
			assertThat(requests(this.server, "/test/quote/1.0.0", "inbound", "success")).isEqualTo(1);
			assertThat(requests(this.server, "/test/quote/1.0.0", "inbound", "unreadable")).isEqualTo(1);
			assertThat(requests(this.server, "/test/failing/1.0.0", "inbound", "handler_failure")).isEqualTo(1);
		});
		assertThat(this.server.getBean(Libp2pProtocolContainer.class).protocols()).containsExactlyInAnyOrder(
				"/test/quote/1.0.0", "/test/echo/1.0.0", "/test/later/1.0.0", "/test/forget/1.0.0",
				"/test/failing/1.0.0", "/test/never/1.0.0");
	}

	record QuoteRequest(String item, int quantity) {
	}

	record Quote(String item, int priceCents, String forPeer) {
	}

	static class Handlers {

		volatile String forgotten;

		@Libp2pProtocol("/test/quote/1.0.0")
		Quote quote(QuoteRequest request, PeerId from) {
			return new Quote(request.item(), request.quantity() * 250, from.toString());
		}

		@Libp2pProtocol("/test/echo/1.0.0")
		String echo(String text) {
			return text + "!";
		}

		@Libp2pProtocol("/test/later/1.0.0")
		CompletionStage<String> later(String text) {
			return CompletableFuture.supplyAsync(text::toUpperCase);
		}

		@Libp2pProtocol("/test/forget/1.0.0")
		void forget(String text) {
			this.forgotten = text;
		}

		@Libp2pProtocol("/test/failing/1.0.0")
		String failing(String text) {
			throw new IllegalStateException("a handler that always fails");
		}

		@Libp2pProtocol("/test/never/1.0.0")
		CompletionStage<String> never(String text) {
			return new CompletableFuture<>();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ServerApplication {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ClientApplication {

	}

}
