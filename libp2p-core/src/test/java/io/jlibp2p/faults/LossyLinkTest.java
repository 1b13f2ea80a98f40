package io.jlibp2p.faults;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.Protocol;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.kad.KadConfig;
import io.jlibp2p.protocol.kad.Kademlia;
import io.jlibp2p.protocol.kad.RecordValidator;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.protocol.pubsub.PubsubConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes joined through a link with 100 ms of delay each way and 5 % of segments lost
 * (a {@link LossyProxy}, as {@code tc netem} cannot load here): every pubsub message
 * arrives, a DHT record put on one side is got on the other, and ping measures the link's
 * round trip.
 */
class LossyLinkTest {

	private static final String TOPIC = "lossy";

	private final Nodes nodes = new Nodes();

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		this.nodes.close();
	}

	@Test
	void pubsubDhtAndPingWorkAcrossADelayedLossyLink() throws Exception {
		Node near = node();
		Node far = node();
		far.swarm().listen(Nodes.LOOPBACK_TCP).join();
		Multiaddr farAddress = far.swarm().listenAddresses().get(0);
		LossyProxy proxy = new LossyProxy(
				new InetSocketAddress("127.0.0.1", Integer.parseInt(farAddress.valueOf(Protocol.TCP).orElseThrow())),
				100, 0.05);
		this.resources.add(proxy);
		Connection link = near.swarm()
			.dial(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + proxy.port()).withPeerId(far.swarm().localPeer()))
			.get(30, TimeUnit.SECONDS);

		List<Duration> rtts = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			rtts.add(near.ping().ping(link).get(30, TimeUnit.SECONDS));
		}
		Duration median = rtts.stream().sorted().toList().get(rtts.size() / 2);
		assertThat(median).as("ping over 2 × 100 ms").isBetween(Duration.ofMillis(195), Duration.ofMillis(800));

		Set<String> received = ConcurrentHashMap.newKeySet();
		far.pubsub().addListener((message) -> received.add(new String(message.data(), StandardCharsets.UTF_8)));
		await().atMost(30, TimeUnit.SECONDS)
			.until(() -> near.pubsub().topics().stream().anyMatch((topic) -> !topic.peers().isEmpty()));
		for (int i = 0; i < 200; i++) {
			near.pubsub().publish(TOPIC, ("message-" + i).getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
		}
		await().atMost(60, TimeUnit.SECONDS).until(() -> received.size() == 200);

		byte[] key = "/lossy/record".getBytes(StandardCharsets.UTF_8);
		await().atMost(30, TimeUnit.SECONDS).until(() -> near.kad().tableSize() == 1 && far.kad().tableSize() == 1);
		far.kad().putValue(key, "across the link".getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
		byte[] value = near.kad().getValue(key).get(30, TimeUnit.SECONDS);
		assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo("across the link");
		System.out.printf(
				"lossy link (100 ms each way, 5 %% lost): ping median %d ms, 200/200 messages, " + "record got%n",
				median.toMillis());
	}

	private Node node() {
		Ping ping = new Ping(new PingConfig(null, Duration.ofSeconds(20), Duration.ofSeconds(60)));
		Pubsub pubsub = new Pubsub(PubsubConfig.DEFAULT);
		Kademlia kad = new Kademlia(KadConfig.DEFAULT.withValidators(Map.of("lossy", RecordValidator.ACCEPT_ANY)));
		Swarm swarm = this.nodes.swarm(new Identify(IdentifyConfig.DEFAULT), ping, pubsub, kad);
		pubsub.subscribe(TOPIC).join();
		return new Node(swarm, ping, pubsub, kad);
	}

	private record Node(Swarm swarm, Ping ping, Pubsub pubsub, Kademlia kad) {
	}

}
