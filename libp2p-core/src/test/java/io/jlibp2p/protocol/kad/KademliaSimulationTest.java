package io.jlibp2p.protocol.kad;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.multiformats.Multihash;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Simulation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DHT of many nodes in one JVM over the memory transport, on virtual time.
 */
class KademliaSimulationTest {

	private final Simulation simulation = new Simulation();

	private final List<Swarm> nodes = new ArrayList<>();

	private final List<Kademlia> dhts = new ArrayList<>();

	@AfterEach
	void close() {
		this.simulation.close();
	}

	private Kademlia node(KadConfig config) {
		Identify identify = new Identify(IdentifyConfig.DEFAULT);
		Kademlia kad = new Kademlia(config, identify);
		this.nodes.add(this.simulation.node((builder) -> builder.behaviour(identify).behaviour(kad)));
		this.dhts.add(kad);
		return kad;
	}

	private <T> T await(CompletableFuture<T> future) throws Exception {
		this.simulation.advance(Duration.ofSeconds(1));
		return future.get(30, TimeUnit.SECONDS);
	}

	private void network(int size) throws Exception {
		for (int i = 0; i < size; i++) {
			node(KadConfig.DEFAULT);
		}
		for (int i = 1; i < size; i++) {
			this.simulation.connect(this.nodes.get(i), this.nodes.get(0));
		}
		this.simulation.advance(Duration.ofSeconds(1));
		for (Kademlia dht : this.dhts) {
			await(dht.bootstrap());
		}
	}

	@Test
	void lookupsFindTheTrueClosestPeersAndRecordsAndProvidersAreFoundFromEveryNode() throws Exception {
		// 100 nodes in CI (40 s); BENCHMARKS.md records a run with
		// -Dkad.simulation.nodes=200.
		int size = Integer.getInteger("kad.simulation.nodes", 100);
		network(size);
		Random random = new Random(42);
		int exact = 0;
		int lookups = size;
		int[] hops = new int[16];
		for (int i = 0; i < lookups; i++) {
			byte[] target = new byte[32];
			random.nextBytes(target);
			KadKey key = KadKey.of(target);
			Kademlia from = this.dhts.get(random.nextInt(size));
			Lookup.Result result = await(from.lookupClosest(target));
			hops[Math.min(result.hops(), hops.length - 1)]++;
			List<PeerId> found = result.closest().stream().map(KadPeer::id).toList();
			Swarm asker = this.nodes.get(this.dhts.indexOf(from));
			List<PeerId> truth = this.nodes.stream()
				.map(Swarm::localPeer)
				.filter((peer) -> !peer.equals(asker.localPeer()))
				.sorted(Comparator.comparing(KadKey::of, key::compareDistance))
				.limit(20)
				.toList();
			if (found.equals(truth)) {
				exact++;
			}
		}
		assertThat(exact).as("lookups that found the true 20 closest").isGreaterThanOrEqualTo(lookups * 99 / 100);
		System.out.println("kad simulation, " + size + " nodes: " + exact + "/" + lookups
				+ " lookups exact; lookups by hops (index = hops): " + java.util.Arrays.toString(hops));
		assertThat(hops[hops.length - 1]).as("lookups needing 15 hops or more").isZero();

		for (int i = 0; i < size; i += size / 10) {
			Swarm owner = this.nodes.get(i);
			byte[] key = RecordValidator.publicKeyKey(owner.localPeer());
			assertThat(await(this.dhts.get(i).putValue(key, owner.identity().publicKey().marshal()))).isGreaterThan(10);
			Kademlia reader = this.dhts.get((i + 37) % size);
			assertThat(await(reader.getValue(key))).isEqualTo(owner.identity().publicKey().marshal());

			byte[] content = Multihash.sha256(("content " + i).getBytes(StandardCharsets.UTF_8)).toBytes();
			assertThat(await(this.dhts.get(i).provide(content))).isGreaterThanOrEqualTo(19);
			assertThat(await(this.dhts.get((i + 53) % size).findProviders(content))).extracting(KadPeer::id)
				.contains(owner.localPeer());
		}
	}

}
