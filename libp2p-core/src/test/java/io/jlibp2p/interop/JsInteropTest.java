package io.jlibp2p.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.muxer.mplex.MplexSession;
import io.jlibp2p.muxer.yamux.YamuxSession;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.identify.IdentifyEvent;
import io.jlibp2p.protocol.identify.IdentifyInfo;
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
 * jlibp2p against real js-libp2p 3 peers over loopback TCP, Noise and yamux, in both dial
 * directions.
 */
class JsInteropTest {

	private static final Map<String, String> MUXERS = Map.of("yamux", YamuxSession.PROTOCOL_ID, "mplex",
			MplexSession.PROTOCOL_ID);

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final Nodes nodes = new Nodes();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		this.nodes.close();
	}

	private final List<IdentifyEvent> identified = new CopyOnWriteArrayList<>();

	private static final long PERF_BYTES = 64L * 1024 * 1024;

	private final Perf perf = new Perf(new PerfConfig(true, PERF_BYTES));

	private Swarm swarm(Ping ping) {
		Identify identify = new Identify(IdentifyConfig.DEFAULT);
		identify.addListener(this.identified::add);
		return this.nodes.swarm(ping, identify, this.perf);
	}

	private PeerProcess js(String... arguments) throws Exception {
		PeerProcess peer = PeerProcess.js(arguments);
		this.resources.add(0, peer);
		return peer;
	}

	@ParameterizedTest
	@ValueSource(strings = { "yamux", "mplex" })
	void javaDialsJsAndPingsTenTimesOverOneStream(String muxer) throws Exception {
		PeerProcess js = js("--muxer", muxer);
		JsonNode listening = js.await("listening");
		PeerId jsPeer = PeerId.parse(listening.path("peerId").asString());
		Multiaddr address = Multiaddr.parse(listening.path("addresses").get(0).asString());
		Ping ping = new Ping(new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60)));
		Swarm swarm = swarm(ping);

		Connection connection = swarm.dial(address).join();
		assertThat(connection.remotePeer()).isEqualTo(jsPeer);
		assertThat(connection.muxer()).isEqualTo(MUXERS.get(muxer));
		js.await("connected", (event) -> event.path("peerId").asString().equals(swarm.localPeer().toString()),
				Duration.ofSeconds(10));
		List<Duration> rtts = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			rtts.add(ping.ping(connection).join());
		}
		assertThat(rtts).hasSize(10).allSatisfy((rtt) -> assertThat(rtt).isPositive());
		assertThat(connection.streamCount()).as("one reused ping stream").isLessThanOrEqualTo(2);
		System.out.println("java -> js ping RTTs: " + rtts);
		assertIdentifiedBothWays(js, jsPeer, swarm);
		PerfResult result = this.perf.run(connection, PERF_BYTES, PERF_BYTES).get(60, TimeUnit.SECONDS);
		assertThat(result.uploadBytes()).isEqualTo(PERF_BYTES);
		assertThat(result.downloadBytes()).isEqualTo(PERF_BYTES);
		System.out.printf("java -> js perf over %s: up %.0f Mbit/s, down %.0f Mbit/s%n", muxer,
				result.uploadBitsPerSecond() / 1e6, result.downloadBitsPerSecond() / 1e6);
	}

	private void assertIdentifiedBothWays(PeerProcess js, PeerId jsPeer, Swarm swarm) throws Exception {
		JsonNode aboutJava = js.await("identified",
				(event) -> event.path("peerId").asString().equals(swarm.localPeer().toString()),
				Duration.ofSeconds(15));
		assertThat(aboutJava.path("agentVersion").asString()).isEqualTo("jlibp2p");
		assertThat(aboutJava.path("protocolVersion").asString()).isEqualTo("ipfs/0.1.0");
		assertThat(aboutJava.path("protocols").valueStream().map(JsonNode::asString)).contains("/ipfs/id/1.0.0",
				"/ipfs/id/push/1.0.0", "/ipfs/ping/1.0.0");
		await().atMost(15, TimeUnit.SECONDS)
			.until(() -> this.identified.stream().anyMatch((event) -> event.peer().equals(jsPeer)));
		IdentifyInfo aboutJs = this.identified.stream()
			.filter((event) -> event.peer().equals(jsPeer))
			.findFirst()
			.orElseThrow()
			.info();
		assertThat(aboutJs.agentVersion()).startsWith("js-libp2p/");
		assertThat(aboutJs.protocols()).contains("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0");
		assertThat(aboutJs.listenAddresses()).isNotEmpty();
		assertThat(aboutJs.signedPeerRecord()).as("js signs its peer record").isNotNull();
		assertThat(swarm.peerStore().get(jsPeer).orElseThrow().agentVersion()).startsWith("js-libp2p/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "yamux", "mplex" })
	void jsDialsJavaAndPingsTenTimes(String muxer) throws Exception {
		Swarm swarm = swarm(new Ping(PingConfig.DEFAULT));
		Multiaddr address = swarm.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).join().withPeerId(swarm.localPeer());
		PeerProcess js = js("--muxer", muxer, "--dial", address.toString(), "--pings", "10", "--perf-upload",
				Long.toString(PERF_BYTES), "--perf-download", Long.toString(PERF_BYTES));
		JsonNode pinged = js.await("pinged", (event) -> true, Duration.ofSeconds(30));
		assertThat(pinged.path("rtts")).hasSize(10);
		System.out.println("js -> java ping RTTs (ms): " + pinged.path("rtts"));
		PeerId jsPeer = PeerId.parse(js.await("listening").path("peerId").asString());
		assertThat(swarm.connections()).singleElement().satisfies((connection) -> {
			assertThat(connection.remotePeer()).isEqualTo(jsPeer);
			assertThat(connection.muxer()).isEqualTo(MUXERS.get(muxer));
		});
		assertIdentifiedBothWays(js, jsPeer, swarm);
	}

}
