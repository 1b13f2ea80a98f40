package io.jlibp2p.protocol.kad;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.internal.proto.KadProto;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.StreamFailedEvent;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Simulation;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who enters the routing table, and what a hostile peer's messages can store: nothing.
 */
class KademliaAdmissionTest {

	private final Simulation simulation = new Simulation();

	@AfterEach
	void close() {
		this.simulation.close();
	}

	private Swarm node(Kademlia kad, Identify identify) {
		return this.simulation.node((builder) -> builder.behaviour(identify).behaviour(kad));
	}

	@Test
	void onlyServersOfTheSameProtocolEnterTheTable() {
		Identify identify = new Identify(IdentifyConfig.DEFAULT);
		Kademlia dht = new Kademlia(KadConfig.DEFAULT);
		Swarm node = node(dht, identify);

		Identify serverIdentify = new Identify(IdentifyConfig.DEFAULT);
		Swarm server = node(new Kademlia(KadConfig.DEFAULT), serverIdentify);
		Identify clientIdentify = new Identify(IdentifyConfig.DEFAULT);
		KadConfig client = KadConfig.DEFAULT.withMode(KadConfig.Mode.CLIENT);
		Swarm clientNode = node(new Kademlia(client), clientIdentify);
		Identify otherIdentify = new Identify(IdentifyConfig.DEFAULT);
		KadConfig otherDht = KadConfig.DEFAULT.withProtocolId("/other/kad/1.0.0");
		Swarm other = node(new Kademlia(otherDht), otherIdentify);
		Swarm plain = this.simulation.node((builder) -> builder.behaviour(new Identify(IdentifyConfig.DEFAULT)));

		for (Swarm peer : List.of(server, clientNode, other, plain)) {
			this.simulation.connect(peer, node);
		}
		this.simulation.advance(Duration.ofSeconds(2));

		assertThat(node.connections()).hasSize(4);
		assertThat(dht.routingTable().join().values().stream().flatMap(List::stream).map(RoutingTable.Entry::peer))
			.containsExactly(server.localPeer());
		assertThat(node.connectionManager().isProtected(server.localPeer())).as("table peers are protected").isTrue();
		assertThat(node.connectionManager().isProtected(clientNode.localPeer())).isFalse();
	}

	@Test
	void aFullBucketKeepsItsStalestPeerWhileItAnswersAPing() {
		Identify identify = new Identify(IdentifyConfig.DEFAULT);
		KadConfig oneEach = KadConfig.DEFAULT.withK(1, KadConfig.DEFAULT.alpha());
		Kademlia dht = new Kademlia(oneEach);
		Swarm node = node(dht, identify);
		// three servers whose keys fall into the same bucket of the node's table
		RoutingTable layout = new RoutingTable(node.localPeer(), 1, 2);
		List<PrivateKey> sameBucket = new ArrayList<>();
		int bucket = -1;
		while (sameBucket.size() < 3) {
			PrivateKey key = Keys.generate(KeyType.ED25519);
			int index = layout.bucketIndex(KadKey.of(PeerId.fromPublicKey(key.publicKey())));
			if (bucket < 0 || index == bucket) {
				bucket = index;
				sameBucket.add(key);
			}
		}
		List<Swarm> servers = new ArrayList<>();
		for (PrivateKey key : sameBucket) {
			Identify serverIdentify = new Identify(IdentifyConfig.DEFAULT);
			servers.add(this.simulation.node((builder) -> builder.identity(key)
				.behaviour(serverIdentify)
				.behaviour(new Kademlia(KadConfig.DEFAULT))));
		}
		Swarm stalest = servers.get(0);
		this.simulation.connect(stalest, node);
		this.simulation.advance(Duration.ofSeconds(2));
		node.disconnect(stalest.localPeer()).join();
		this.simulation.advance(Duration.ofSeconds(1));

		this.simulation.connect(servers.get(1), node);
		this.simulation.advance(Duration.ofSeconds(2));
		assertThat(tablePeers(dht)).as("the stalest answered its ping").containsExactly(stalest.localPeer());

		stalest.close();
		node.disconnect(servers.get(1).localPeer()).join();
		this.simulation.connect(servers.get(2), node);
		this.simulation.advance(Duration.ofSeconds(2));
		assertThat(tablePeers(dht)).as("the silent stalest made way").containsExactly(servers.get(2).localPeer());
	}

	private static List<PeerId> tablePeers(Kademlia dht) {
		return dht.routingTable().join().values().stream().flatMap(List::stream).map(RoutingTable.Entry::peer).toList();
	}

	@Test
	void anAutomaticNodeServesWhileItHasAConfirmedExternalAddress() {
		Identify identify = new Identify(IdentifyConfig.DEFAULT);
		Kademlia dht = new Kademlia(KadConfig.DEFAULT);
		Swarm node = node(dht, identify);
		Identify autoIdentify = new Identify(IdentifyConfig.DEFAULT);
		Kademlia auto = new Kademlia(KadConfig.DEFAULT.withMode(KadConfig.Mode.AUTO));
		Swarm autoNode = node(auto, autoIdentify);
		this.simulation.connect(autoNode, node);
		this.simulation.advance(Duration.ofSeconds(2));
		assertThat(auto.mode()).isEqualTo(KadConfig.Mode.CLIENT);
		assertThat(autoNode.protocols()).doesNotContain(KadConfig.IPFS_PROTOCOL_ID);
		assertThat(dht.tableSize()).isZero();

		Multiaddr external = Multiaddr.parse("/ip4/203.0.113.7/tcp/4001");
		autoNode.addExternalAddress(external);
		this.simulation.advance(Duration.ofSeconds(2));
		assertThat(auto.mode()).isEqualTo(KadConfig.Mode.SERVER);
		assertThat(dht.tableSize()).isOne();
		assertThat(dht.routingTable().join().values().stream().flatMap(List::stream)).singleElement()
			.satisfies((entry) -> assertThat(entry.addresses()).contains(external));

		autoNode.removeExternalAddress(external);
		this.simulation.advance(Duration.ofSeconds(2));
		assertThat(auto.mode()).isEqualTo(KadConfig.Mode.CLIENT);
		assertThat(dht.tableSize()).isZero();
	}

	@Test
	void hostileAnswersAndRequestsStoreNothing() throws Exception {
		Identify identify = new Identify(IdentifyConfig.DEFAULT);
		Kademlia dht = new Kademlia(KadConfig.DEFAULT);
		Swarm node = node(dht, identify);
		Swarm attacker = this.simulation.node((builder) -> {
		});
		Connection connection = this.simulation.connect(attacker, node);

		KadProto.Message.Builder sybil = KadProto.Message.newBuilder().setType(KadProto.Message.MessageType.FIND_NODE);
		for (int i = 0; i < 21; i++) {
			sybil.addCloserPeers(KadMessages.peer(new KadPeer(
					io.jlibp2p.peer.PeerId.fromPublicKey(Keys.generate(KeyType.ED25519).publicKey()), List.of())));
		}
		assertThatThrownBy(() -> KadMessages.decode(sybil.build().toByteArray(), 20, 16 * 1024))
			.isInstanceOf(KadException.class)
			.hasMessageContaining("more than 20 peers");

		byte[] key = ("/pk/" + "x").getBytes();
		KadProto.Message wrongKey = KadProto.Message.newBuilder()
			.setType(KadProto.Message.MessageType.PUT_VALUE)
			.setKey(ByteString.copyFrom(key))
			.setRecord(KadProto.Record.newBuilder()
				.setKey(ByteString.copyFrom(key))
				.setValue(ByteString.copyFrom(Keys.generate(KeyType.ED25519).publicKey().marshal())))
			.build();
		KadProto.Message oversized = KadProto.Message.newBuilder()
			.setType(KadProto.Message.MessageType.PUT_VALUE)
			.setKey(ByteString.copyFrom(key))
			.setRecord(KadProto.Record.newBuilder()
				.setKey(ByteString.copyFrom(key))
				.setValue(ByteString.copyFrom(new byte[20 * 1024])))
			.build();
		for (KadProto.Message hostile : List.of(wrongKey, oversized)) {
			StreamChannel stream = connection.newStream(List.of(KadConfig.IPFS_PROTOCOL_ID), (c, s) -> {
			}).get(5, TimeUnit.SECONDS);
			KadStream.write(stream, hostile.toByteArray());
			this.simulation.advance(Duration.ofMillis(100));
			assertThat(stream.isOpen()).as("the node reset a refused request").isFalse();
		}
		assertThat(dht.malformedMessages()).isEqualTo(2);
		assertThat(node.metrics().streamsFailed(StreamFailedEvent.Cause.MALFORMED))
			.containsEntry(KadConfig.IPFS_PROTOCOL_ID, 2L);
		assertThat(connection.isOpen()).as("a bad request costs the stream, not the connection").isTrue();
		CompletableFuture<byte[]> missing = dht.getValue(key);
		this.simulation.advance(Duration.ofSeconds(11));
		assertThatThrownBy(() -> missing.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(KadException.class);
	}

}
