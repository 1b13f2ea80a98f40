package io.jlibp2p.protocol.kad;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
		Kademlia kad = new Kademlia(config);
		this.nodes.add(this.simulation.node((builder) -> builder.behaviour(identify).behaviour(kad)));
		this.dhts.add(kad);
		return kad;
	}

	private <T> T await(CompletableFuture<T> future) throws Exception {
		return awaitAll(List.of(future)).get(0);
	}

	/**
	 * Moves virtual time a second at a time until every operation has finished: many
	 * operations in flight at once cost little more wall time than one.
	 */
	private <T> List<T> awaitAll(List<CompletableFuture<T>> futures) throws Exception {
		for (int second = 0; second < 60 && !futures.stream().allMatch(CompletableFuture::isDone); second++) {
			this.simulation.advance(Duration.ofSeconds(1));
		}
		List<T> results = new ArrayList<>();
		for (CompletableFuture<T> future : futures) {
			results.add(future.get(10, TimeUnit.SECONDS));
		}
		return results;
	}

	private void network(int size) throws Exception {
		network(size, KadConfig.DEFAULT);
	}

	/**
	 * Starts the nodes, connects each to the first, and bootstraps them ten at a time, as
	 * nodes joining a network over a while would.
	 */
	private void network(int size, KadConfig config) throws Exception {
		for (int i = 0; i < size; i++) {
			node(config);
		}
		for (int i = 1; i < size; i++) {
			this.simulation.connect(this.nodes.get(i), this.nodes.get(0));
		}
		this.simulation.advance(Duration.ofSeconds(1));
		for (int from = 0; from < size; from += 10) {
			awaitAll(this.dhts.subList(from, Math.min(size, from + 10)).stream().map(Kademlia::bootstrap).toList());
		}
	}

	@Test
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void lookupsFindTheTrueClosestPeersAndRecordsAndProvidersAreFoundFromEveryNode() throws Exception {
		int size = Integer.getInteger("kad.simulation.nodes", 200);
		long started = System.nanoTime();
		network(size);
		long bootstrapped = System.nanoTime();

		Random random = new Random(42);
		List<byte[]> targets = new ArrayList<>();
		List<Integer> askers = new ArrayList<>();
		List<CompletableFuture<Lookup.Result>> lookups = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			byte[] target = new byte[32];
			random.nextBytes(target);
			targets.add(target);
			askers.add(random.nextInt(size));
			lookups.add(this.dhts.get(askers.get(i)).lookupClosest(target));
		}
		List<Lookup.Result> results = awaitAll(lookups);
		long lookedUp = System.nanoTime();
		int exact = 0;
		int[] hops = new int[16];
		for (int i = 0; i < size; i++) {
			KadKey key = KadKey.of(targets.get(i));
			hops[Math.min(results.get(i).hops(), hops.length - 1)]++;
			PeerId asker = this.nodes.get(askers.get(i)).localPeer();
			List<PeerId> truth = this.nodes.stream()
				.map(Swarm::localPeer)
				.filter((peer) -> !peer.equals(asker))
				.sorted(Comparator.comparing(KadKey::of, key::compareDistance))
				.limit(20)
				.toList();
			if (results.get(i).closest().stream().map(KadPeer::id).toList().equals(truth)) {
				exact++;
			}
		}
		System.out.printf(
				"kad simulation, %d nodes: %d/%d lookups exact; lookups by hops (index = hops): %s;"
						+ " bootstrap %d ms, %d concurrent lookups %d ms of wall time%n",
				size, exact, size, Arrays.toString(hops), (bootstrapped - started) / 1_000_000, size,
				(lookedUp - bootstrapped) / 1_000_000);
		assertThat(exact).as("lookups that found the true 20 closest").isGreaterThanOrEqualTo(size * 99 / 100);
		assertThat(hops[hops.length - 1]).as("lookups needing 15 hops or more").isZero();

		// every node puts a record and provides a key; another node gets and finds each
		List<byte[]> keys = this.nodes.stream().map((node) -> RecordValidator.publicKeyKey(node.localPeer())).toList();
		List<byte[]> contents = this.nodes.stream()
			.map((node) -> Multihash.sha256(node.localPeer().toBytes()).toBytes())
			.toList();
		List<Integer> stored = awaitAll(range(size)
			.map((i) -> this.dhts.get(i).putValue(keys.get(i), this.nodes.get(i).identity().publicKey().marshal()))
			.toList());
		List<Integer> announced = awaitAll(range(size).map((i) -> this.dhts.get(i).provide(contents.get(i))).toList());
		List<byte[]> values = awaitAll(
				range(size).map((i) -> this.dhts.get((i + 37) % size).getValue(keys.get(i))).toList());
		List<List<KadPeer>> providers = awaitAll(
				range(size).map((i) -> this.dhts.get((i + 53) % size).findProviders(contents.get(i))).toList());
		System.out.printf("then %d puts, provides, gets and finds, each kind at once: %d ms%n", size,
				(System.nanoTime() - lookedUp) / 1_000_000);
		for (int i = 0; i < size; i++) {
			assertThat(stored.get(i)).as("peers that stored node %d's record", i).isGreaterThan(10);
			assertThat(announced.get(i)).as("peers that took node %d's provider record", i).isGreaterThanOrEqualTo(19);
			assertThat(values.get(i)).isEqualTo(this.nodes.get(i).identity().publicKey().marshal());
			assertThat(providers.get(i)).extracting(KadPeer::id).contains(this.nodes.get(i).localPeer());
		}
	}

	private static Stream<Integer> range(int size) {
		return IntStream.range(0, size).boxed();
	}

	@Test
	void recordsAndProvidersOutliveTheirTtlWhileTheirOwnerRepublishesThem() throws Exception {
		Duration ttl = Duration.ofMinutes(10);
		network(25, KadConfig.DEFAULT
			.withLifetimes(new KadConfig.Lifetimes(ttl, ttl, KadConfig.Lifetimes.DEFAULT.refreshInterval())));
		Swarm owner = this.nodes.get(0);
		Kademlia ownerDht = this.dhts.get(0);
		byte[] key = RecordValidator.publicKeyKey(owner.localPeer());
		byte[] kept = Multihash.sha256("kept".getBytes(StandardCharsets.UTF_8)).toBytes();
		byte[] dropped = Multihash.sha256("dropped".getBytes(StandardCharsets.UTF_8)).toBytes();
		await(ownerDht.putValue(key, owner.identity().publicKey().marshal()));
		await(ownerDht.provide(kept));
		await(ownerDht.provide(dropped));
		await(ownerDht.stopProviding(dropped));

		this.simulation.advance(ttl.multipliedBy(3));

		Kademlia reader = this.dhts.get(17);
		assertThat(await(reader.getValue(key))).isEqualTo(owner.identity().publicKey().marshal());
		assertThat(await(reader.findProviders(kept))).extracting(KadPeer::id).contains(owner.localPeer());
		assertThat(await(reader.findProviders(dropped))).isEmpty();
	}

}
