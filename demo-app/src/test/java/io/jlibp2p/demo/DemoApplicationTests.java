package io.jlibp2p.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.protocol.reqresp.RequestResponse;
import io.jlibp2p.protocol.reqresp.RequestResponseConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.transport.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo application as a newcomer runs it: a node from the starter alone, which
 * another node dials, pings, identifies and asks for a greeting, and its dashboard.
 */
class DemoApplicationTests {

	@TempDir
	Path directory;

	@Test
	void runsANodeThatOthersDialPingIdentifyAndAskForAGreeting() throws Exception {
		RequestResponse requestResponse = new RequestResponse(RequestResponseConfig.DEFAULT);
		try (ConfigurableApplicationContext context = SpringApplication.run(DemoApplication.class, "--server.port=0",
				"--libp2p.listen-addresses=/ip4/127.0.0.1/tcp/0",
				"--libp2p.identity.key-file=" + this.directory.resolve("identity.key"));
				Swarm client = Swarm.builder()
					.identity(Keys.generate(KeyType.ED25519))
					.behaviour(new Ping(new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60))))
					.behaviour(new Identify(IdentifyConfig.DEFAULT))
					.behaviour(requestResponse)
					.build()) {
			Swarm demo = context.getBean(Swarm.class);
			Connection connection = client.dial(demo.listenAddresses().get(0).withPeerId(demo.localPeer()))
				.get(10, TimeUnit.SECONDS);
			// the dialer's upgrade can finish before the listener has registered the
			// connection
			await().atMost(10, TimeUnit.SECONDS).until(() -> demo.connection(client.localPeer()).isPresent());
			assertThat(context.getBean(Ping.class).ping(client.localPeer()).get(10, TimeUnit.SECONDS)).isPositive();
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> client.peerStore().get(demo.localPeer()).map((info) -> info.agentVersion()).isPresent());
			assertThat(client.peerStore().get(demo.localPeer()).orElseThrow().agentVersion())
				.as("from the demo's own settings")
				.isEqualTo("jlibp2p-demo");
			byte[] greeting = requestResponse
				.request(demo.localPeer(), "/jlibp2p-demo/hello/1.0.0", "tester".getBytes(StandardCharsets.UTF_8))
				.get(10, TimeUnit.SECONDS);
			assertThat(new String(greeting, StandardCharsets.UTF_8)).isEqualTo("hello tester");
			assertThat(connection.isOpen()).isTrue();
		}
	}

	@Test
	void servesADashboardWhoseRequestsTheNodeAnswers() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(DemoApplication.class, "--server.port=0",
				"--libp2p.listen-addresses=/ip4/127.0.0.1/tcp/0", "--libp2p.mdns.enabled=false",
				"--libp2p.identity.key-file=" + this.directory.resolve("identity.key"))) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/";
			HttpClient http = HttpClient.newHttpClient();
			HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base)).build(),
					BodyHandlers.ofString());
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("<title>jlibp2p demo</title>", "dashboard.js", "dashboard.css");
			HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(base + "dashboard.js")).build(),
					BodyHandlers.ofString());
			assertThat(script.statusCode()).isEqualTo(200);
			assertThat(http
				.send(HttpRequest.newBuilder(URI.create(base + "dashboard.css")).build(), BodyHandlers.discarding())
				.statusCode()).isEqualTo(200);

			// every fixed GET the dashboard makes is answered with JSON
			Matcher gets = Pattern.compile("call\\('GET', '([a-z/-]+)'\\)").matcher(script.body());
			List<String> paths = gets.results().map((match) -> match.group(1)).toList();
			assertThat(paths).contains("node", "peers", "gater", "pubsub/topics", "dht/routing-table");
			for (String path : paths) {
				HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "libp2p/" + path))
					.header("Accept", "application/json")
					.build(), BodyHandlers.ofString());
				assertThat(answer.statusCode()).as(path).isEqualTo(200);
				assertThat(answer.headers().firstValue("Content-Type")).as(path)
					.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			}
		}
	}

}
