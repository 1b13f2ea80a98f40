package io.jlibp2p.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.transport.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jlibp2p against real js-libp2p 3 peers over loopback TCP, Noise and yamux, in both dial
 * directions.
 */
class JsInteropTest {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	private Swarm swarm(Ping ping) {
		Swarm swarm = Swarm.builder().identity(Keys.generate(KeyType.ED25519)).behaviour(ping).build();
		this.resources.add(swarm);
		return swarm;
	}

	private JsPeer js(String... arguments) throws Exception {
		JsPeer peer = JsPeer.start(arguments);
		this.resources.add(0, peer);
		return peer;
	}

	@Test
	void javaDialsJsAndPingsTenTimesOverOneStream() throws Exception {
		JsPeer js = js("--muxer", "yamux");
		JsonNode listening = js.await("listening");
		PeerId jsPeer = PeerId.parse(listening.path("peerId").asString());
		Multiaddr address = Multiaddr.parse(listening.path("addresses").get(0).asString());
		Ping ping = new Ping(new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60)));
		Swarm swarm = swarm(ping);

		Connection connection = swarm.dial(address).join();
		assertThat(connection.remotePeer()).isEqualTo(jsPeer);
		js.await("connected", (event) -> event.path("peerId").asString().equals(swarm.localPeer().toString()),
				Duration.ofSeconds(10));
		List<Duration> rtts = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			rtts.add(ping.ping(connection).join());
		}
		assertThat(rtts).hasSize(10).allSatisfy((rtt) -> assertThat(rtt).isPositive());
		System.out.println("java -> js ping RTTs: " + rtts);
	}

	@Test
	void jsDialsJavaAndPingsTenTimes() throws Exception {
		Swarm swarm = swarm(new Ping(PingConfig.DEFAULT));
		Multiaddr address = swarm.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).join().withPeerId(swarm.localPeer());
		JsPeer js = js("--muxer", "yamux", "--dial", address.toString(), "--pings", "10");
		JsonNode pinged = js.await("pinged", (event) -> true, Duration.ofSeconds(30));
		assertThat(pinged.path("rtts")).hasSize(10);
		System.out.println("js -> java ping RTTs (ms): " + pinged.path("rtts"));
		assertThat(swarm.connections()).singleElement()
			.satisfies((connection) -> assertThat(connection.remotePeer().toString())
				.isEqualTo(js.await("listening").path("peerId").asString()));
	}

}
