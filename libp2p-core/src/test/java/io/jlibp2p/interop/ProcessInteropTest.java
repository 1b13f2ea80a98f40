package io.jlibp2p.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.identify.IdentifyEvent;
import io.jlibp2p.protocol.perf.Perf;
import io.jlibp2p.protocol.perf.PerfConfig;
import io.jlibp2p.protocol.perf.PerfResult;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two jlibp2p processes over loopback TCP: this JVM and a {@link JavaPeer} in a second
 * JVM connect, identify, ping and transfer data in both dial directions.
 */
class ProcessInteropTest {

	private static final long PERF_BYTES = 64L * 1024 * 1024;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final Nodes nodes = new Nodes();

	private final List<IdentifyEvent> identified = new CopyOnWriteArrayList<>();

	private final Ping ping = new Ping(new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60)));

	private final Perf perf = new Perf(new PerfConfig(true, PERF_BYTES));

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		this.nodes.close();
	}

	private Swarm swarm() {
		Identify identify = new Identify(IdentifyConfig.DEFAULT);
		identify.addListener(this.identified::add);
		return this.nodes.swarm(this.ping, identify, this.perf);
	}

	private PeerProcess peer(String... arguments) throws Exception {
		PeerProcess peer = PeerProcess.java(arguments);
		this.resources.add(0, peer);
		return peer;
	}

	@Test
	void thisJvmDialsAnotherJlibp2pProcess() throws Exception {
		PeerProcess other = peer("--muxer", "yamux");
		JsonNode listening = other.await("listening");
		PeerId otherPeer = PeerId.parse(listening.path("peerId").asString());
		Swarm swarm = swarm();
		Connection connection = swarm.dial(Multiaddr.parse(listening.path("addresses").get(0).asString()))
			.get(30, TimeUnit.SECONDS);
		assertThat(connection.remotePeer()).isEqualTo(otherPeer);
		await().atMost(15, TimeUnit.SECONDS)
			.until(() -> this.identified.stream().anyMatch((event) -> event.peer().equals(otherPeer)));
		assertThat(swarm.peerStore().get(otherPeer).orElseThrow().agentVersion()).isEqualTo("jlibp2p");
		for (int i = 0; i < 10; i++) {
			assertThat(this.ping.ping(connection).get(10, TimeUnit.SECONDS)).isPositive();
		}
		PerfResult result = this.perf.run(connection, PERF_BYTES, PERF_BYTES).get(60, TimeUnit.SECONDS);
		assertThat(result.uploadBytes()).isEqualTo(PERF_BYTES);
		assertThat(result.downloadBytes()).isEqualTo(PERF_BYTES);
	}

	@Test
	void anotherJlibp2pProcessDialsThisJvm() throws Exception {
		Swarm swarm = swarm();
		Multiaddr address = swarm.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))
			.get(10, TimeUnit.SECONDS)
			.withPeerId(swarm.localPeer());
		PeerProcess other = peer("--muxer", "mplex", "--dial", address.toString(), "--pings", "10", "--perf-upload",
				Long.toString(PERF_BYTES), "--perf-download", Long.toString(PERF_BYTES));
		JsonNode pinged = other.await("pinged", (event) -> true, Duration.ofSeconds(30));
		assertThat(pinged.path("rtts")).hasSize(10);
		JsonNode perf = other.await("perf", (event) -> true, Duration.ofSeconds(60));
		assertThat(perf.path("uploadBytes").asLong()).isEqualTo(PERF_BYTES);
		assertThat(perf.path("downloadBytes").asLong()).isEqualTo(PERF_BYTES);
		PeerId otherPeer = PeerId.parse(other.await("listening").path("peerId").asString());
		await().atMost(15, TimeUnit.SECONDS)
			.until(() -> this.identified.stream().anyMatch((event) -> event.peer().equals(otherPeer)));
		assertThat(swarm.connections()).singleElement()
			.satisfies((connection) -> assertThat(connection.muxer()).isEqualTo("/mplex/6.7.0"));
	}

}
