package io.jlibp2p.interop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Cid;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.Multihash;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.kad.KadConfig;
import io.jlibp2p.protocol.kad.KadPeer;
import io.jlibp2p.protocol.kad.Kademlia;
import io.jlibp2p.protocol.kad.RecordValidator;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.swarm.Swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * jlibp2p's DHT against js-libp2p's kad-dht 16 on loopback: both in server mode, records
 * and provider records stored by one are found by the other and js finds the Java peer; a
 * Java client stores, provides and finds through the js server and stays out of its
 * table.
 */
class JsKadInteropTest {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	private static String b64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	private Swarm javaNode(Kademlia kad, Identify identify) {
		Swarm swarm = Swarm.builder()
			.identity(Keys.generate(KeyType.ED25519))
			.behaviour(identify)
			.behaviour(new Ping(new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60))))
			.behaviour(kad)
			.build();
		this.resources.add(swarm);
		swarm.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).join();
		return swarm;
	}

	@Test
	void recordsProvidersAndPeersCrossBetweenJavaAndJs() throws Exception {
		Identify identify = new Identify(IdentifyConfig.DEFAULT);
		Kademlia kad = new Kademlia(KadConfig.DEFAULT);
		Swarm swarm = javaNode(kad, identify);
		PeerProcess js = PeerProcess.js("--dht");
		this.resources.add(0, js);
		JsonNode listening = js.await("listening");
		PeerId jsPeer = PeerId.parse(listening.path("peerId").asString());
		swarm.dial(Multiaddr.parse(listening.path("addresses").get(0).asString())).join();
		await().atMost(20, TimeUnit.SECONDS).until(() -> kad.tableSize() == 1);

		// Java stores, js reads.
		byte[] javaKey = RecordValidator.publicKeyKey(swarm.localPeer());
		byte[] javaValue = swarm.identity().publicKey().marshal();
		assertThat(kad.putValue(javaKey, javaValue).get(20, TimeUnit.SECONDS)).isEqualTo(1);
		js.send("{\"dht\":\"get\",\"key\":\"" + b64(javaKey) + "\"}");
		assertThat(js.await("dht-value", (event) -> true, Duration.ofSeconds(20)).path("value").asString())
			.isEqualTo(b64(javaValue));

		// js stores, Java reads.
		byte[] jsKey = RecordValidator.publicKeyKey(jsPeer);
		byte[] jsValue = jsPeer.extractPublicKey().orElseThrow().marshal();
		js.send("{\"dht\":\"put\",\"key\":\"" + b64(jsKey) + "\",\"value\":\"" + b64(jsValue) + "\"}");
		js.await("dht-put", (event) -> true, Duration.ofSeconds(20));
		assertThat(kad.getValue(jsKey).get(20, TimeUnit.SECONDS)).isEqualTo(jsValue);

		// Providers both ways.
		Multihash javaContent = Multihash.sha256("provided by jlibp2p".getBytes(StandardCharsets.UTF_8));
		assertThat(kad.provide(javaContent.toBytes()).get(20, TimeUnit.SECONDS)).isEqualTo(1);
		js.send("{\"dht\":\"findProviders\",\"cid\":\"" + Cid.v1(0x55, javaContent) + "\"}");
		assertThat(js.await("dht-providers", (event) -> true, Duration.ofSeconds(20)).path("providers").toString())
			.contains(swarm.localPeer().toString());
		Multihash jsContent = Multihash.sha256("provided by js-libp2p".getBytes(StandardCharsets.UTF_8));
		js.send("{\"dht\":\"provide\",\"cid\":\"" + Cid.v1(0x55, jsContent) + "\"}");
		js.await("dht-provided", (event) -> true, Duration.ofSeconds(20));
		assertThat(kad.findProviders(jsContent.toBytes()).get(20, TimeUnit.SECONDS)).extracting(KadPeer::id)
			.contains(jsPeer);

		js.send("{\"dht\":\"findPeer\",\"peerId\":\"" + swarm.localPeer() + "\"}");
		assertThat(js.await("dht-peer", (event) -> true, Duration.ofSeconds(20)).path("addresses").toString())
			.contains("/tcp/");
	}

	@Test
	void javaClientsStoreAndFindThroughAJsServerWithoutEnteringItsTable() throws Exception {
		PeerProcess js = PeerProcess.js("--dht");
		this.resources.add(0, js);
		JsonNode listening = js.await("listening");
		PeerId jsPeer = PeerId.parse(listening.path("peerId").asString());
		Multiaddr jsAddress = Multiaddr.parse(listening.path("addresses").get(0).asString());
		List<Kademlia> clients = new ArrayList<>();
		List<Swarm> swarms = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			Identify identify = new Identify(IdentifyConfig.DEFAULT);
			Kademlia kad = new Kademlia(KadConfig.DEFAULT.withMode(KadConfig.Mode.CLIENT));
			Swarm swarm = javaNode(kad, identify);
			swarm.dial(jsAddress).join();
			await().atMost(20, TimeUnit.SECONDS).until(() -> kad.tableSize() == 1);
			clients.add(kad);
			swarms.add(swarm);
		}
		Swarm writer = swarms.get(0);

		byte[] key = RecordValidator.publicKeyKey(writer.localPeer());
		byte[] value = writer.identity().publicKey().marshal();
		assertThat(clients.get(0).putValue(key, value).get(20, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(clients.get(1).getValue(key).get(20, TimeUnit.SECONDS)).isEqualTo(value);
		Multihash content = Multihash.sha256("provided by a jlibp2p client".getBytes(StandardCharsets.UTF_8));
		assertThat(clients.get(0).provide(content.toBytes()).get(20, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(clients.get(1).findProviders(content.toBytes()).get(20, TimeUnit.SECONDS)).extracting(KadPeer::id)
			.contains(writer.localPeer());
		assertThat(clients.get(1).findPeer(jsPeer).get(20, TimeUnit.SECONDS)).isNotEmpty();

		js.send("{\"dht\":\"table\"}");
		assertThat(js.await("dht-table", (event) -> true, Duration.ofSeconds(20)).path("size").asInt())
			.as("clients never enter a server's table")
			.isZero();
	}

}
