package io.jlibp2p.interop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.protocol.pubsub.MessageIdFunction;
import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.protocol.pubsub.PubsubConfig;
import io.jlibp2p.protocol.pubsub.PubsubMessage;
import io.jlibp2p.protocol.pubsub.PubsubMetrics.Outcome;
import io.jlibp2p.swarm.Swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * jlibp2p pubsub against js-libp2p's gossipsub and floodsub, in both dial directions:
 * signed messages both ways, topics and data byte for byte.
 */
class JsPubsubInteropTest {

	// Not ASCII, with spaces and slashes: a topic that any hashing or normalising breaks.
	private static final String TOPIC = "jlibp2p/interop · ünïcode topic";

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@ParameterizedTest(name = "{0}, java dials: {1}")
	@CsvSource({ "gossipsub, true", "gossipsub, false", "floodsub, true", "floodsub, false" })
	void messagesFlowBothWaysWithIdenticalTopicsAndData(String router, boolean javaDials) throws Exception {
		PubsubConfig config = PubsubConfig.DEFAULT
			.withRouter("floodsub".equals(router) ? PubsubConfig.Router.FLOODSUB : PubsubConfig.Router.GOSSIPSUB)
			.withMessageIdFunction(MessageIdFunction.PUBLIC_KEY_AND_SEQNO);
		Pubsub pubsub = new Pubsub(config);
		List<PubsubMessage> received = new CopyOnWriteArrayList<>();
		pubsub.addListener(received::add);
		Swarm swarm = Swarm.builder()
			.identity(Keys.generate(KeyType.ED25519))
			.behaviour(new Identify(IdentifyConfig.DEFAULT))
			.behaviour(new Ping(new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60))))
			.behaviour(pubsub)
			.build();
		this.resources.add(swarm);
		pubsub.subscribe(TOPIC).join();
		Multiaddr javaAddress = swarm.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))
			.join()
			.withPeerId(swarm.localPeer());

		PeerProcess js = javaDials ? PeerProcess.js("--pubsub", router, "--topic", TOPIC)
				: PeerProcess.js("--pubsub", router, "--topic", TOPIC, "--connect", javaAddress.toString());
		this.resources.add(0, js);
		JsonNode listening = js.await("listening");
		PeerId jsPeer = PeerId.parse(listening.path("peerId").asString());
		if (javaDials) {
			swarm.dial(Multiaddr.parse(listening.path("addresses").get(0).asString())).join();
		}
		await().atMost(20, TimeUnit.SECONDS)
			.until(() -> pubsub.topics()
				.stream()
				.anyMatch((topic) -> topic.topic().equals(TOPIC) && topic.peers().contains(jsPeer)));
		js.await("subscription-change", (event) -> event.path("peerId").asString().equals(swarm.localPeer().toString())
				&& event.path("topics").toString().contains("interop"), Duration.ofSeconds(20));

		if ("gossipsub".equals(router)) {
			// A mesh needs /meshsub on both sides: js did not fall back to floodsub.
			await().atMost(20, TimeUnit.SECONDS)
				.until(() -> pubsub.topics()
					.stream()
					.anyMatch((topic) -> topic.topic().equals(TOPIC) && topic.mesh().contains(jsPeer)));
		}
		byte[] fromJava = "from jlibp2p \u0000\u00ff binary".getBytes(StandardCharsets.ISO_8859_1);
		pubsub.publish(TOPIC, fromJava).join();
		JsonNode atJs = js.await("message", (event) -> true, Duration.ofSeconds(20));
		assertThat(atJs.path("topic").asString()).isEqualTo(TOPIC);
		assertThat(Base64.getDecoder().decode(atJs.path("data").asString())).isEqualTo(fromJava);
		assertThat(atJs.path("from").asString()).isEqualTo(swarm.localPeer().toString());

		byte[] fromJs = "from js-libp2p".getBytes(StandardCharsets.UTF_8);
		js.send("{\"publish\":\"" + TOPIC + "\",\"data\":\"" + Base64.getEncoder().encodeToString(fromJs) + "\"}");
		await().atMost(20, TimeUnit.SECONDS).until(() -> !received.isEmpty());
		PubsubMessage atJava = received.get(0);
		assertThat(atJava.topic()).isEqualTo(TOPIC);
		assertThat(atJava.data()).isEqualTo(fromJs);
		assertThat(atJava.from()).isEqualTo(jsPeer);
		assertThat(atJava.receivedFrom()).isEqualTo(jsPeer);
		assertThat(pubsub.metrics().messages(Outcome.REJECTED)).isZero();
		assertThat(swarm.connection(jsPeer)).isPresent();
	}

}
