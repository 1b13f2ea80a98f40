package io.jlibp2p.protocol.kad;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DHT servers on one host, over real loopback TCP: three that fall into one bucket of a
 * fourth all enter its table, although the default allows two peers of one /24 per bucket
 * (a measured run once left one out): loopback addresses are exempt from that rule.
 */
class KademliaLoopbackTest {

	private final Nodes nodes = new Nodes();

	@AfterEach
	void close() {
		this.nodes.close();
	}

	private Swarm server(PrivateKey identity, Kademlia kad) {
		Swarm swarm = this.nodes.swarm(
				(builder) -> builder.identity(identity).behaviour(new Identify(IdentifyConfig.DEFAULT)).behaviour(kad));
		swarm.listen(Nodes.LOOPBACK_TCP).join();
		return swarm;
	}

	@Test
	void serversOnOneHostShareABucket() {
		PrivateKey hubKey = Keys.generate(KeyType.ED25519);
		Kademlia hubKad = new Kademlia(KadConfig.DEFAULT);
		Swarm hub = server(hubKey, hubKad);
		RoutingTable probe = new RoutingTable(hub.localPeer(), 20, 2);
		List<PrivateKey> sameBucket = new ArrayList<>();
		while (sameBucket.size() < 3) {
			PrivateKey key = Keys.generate(KeyType.ED25519);
			if (probe.bucketIndex(KadKey.of(PeerId.fromPublicKey(key.publicKey()))) == 0) {
				sameBucket.add(key);
			}
		}
		List<PeerId> joined = new ArrayList<>();
		for (PrivateKey key : sameBucket) {
			Swarm server = server(key, new Kademlia(KadConfig.DEFAULT));
			server.dial(Nodes.dialable(hub)).join();
			joined.add(server.localPeer());
		}
		await().atMost(15, TimeUnit.SECONDS)
			.untilAsserted(() -> assertThat(hubKad.routingTable().join().getOrDefault(0, List.of()))
				.extracting(RoutingTable.Entry::peer)
				.containsExactlyInAnyOrderElementsOf(joined));
	}

}
