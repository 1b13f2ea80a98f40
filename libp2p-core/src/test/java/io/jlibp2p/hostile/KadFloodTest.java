package io.jlibp2p.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.multiformats.Multihash;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.kad.KadConfig;
import io.jlibp2p.protocol.kad.Kademlia;
import io.jlibp2p.protocol.kad.MemoryStores;
import io.jlibp2p.protocol.kad.ProviderStore;
import io.jlibp2p.protocol.kad.RecordStore;
import io.jlibp2p.protocol.kad.RecordValidator;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.AttackWatch;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One DHT peer over real TCP tries to fill the node's record store with 2 000 records: it
 * keeps its share of 100, the store keeps its room for everyone else, and an honest
 * peer's pings are unharmed.
 */
class KadFloodTest {

	private static final long MEMORY_BOUND = 32L << 20;

	private static final PingConfig ON_REQUEST = new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60));

	private static final KadConfig OPEN = KadConfig.DEFAULT.withValidators(Map.of("flood", RecordValidator.ACCEPT_ANY));

	private final Nodes nodes = new Nodes();

	@AfterEach
	void close() {
		this.nodes.close();
	}

	@Test
	void onePeerGetsOnlyItsShareOfTheRecordStore() throws Exception {
		RecordStore records = MemoryStores.records(10_000, 100);
		Swarm target = this.nodes.listening(new Identify(IdentifyConfig.DEFAULT), new Ping(ON_REQUEST),
				new Kademlia(OPEN, records, MemoryStores.providers(10_000, 20, 1_000)));
		Kademlia attackerDht = new Kademlia(OPEN);
		Swarm attacker = this.nodes.swarm(new Identify(IdentifyConfig.DEFAULT), attackerDht);
		attacker.dial(Nodes.dialable(target)).get(10, TimeUnit.SECONDS);
		await().atMost(10, TimeUnit.SECONDS).until(() -> attackerDht.tableSize() == 1);
		Ping ping = new Ping(ON_REQUEST);
		Connection honest = this.nodes.swarm(ping).dial(Nodes.dialable(target)).join();
		try (AttackWatch watch = new AttackWatch(ping, honest)) {
			for (int batch = 0; batch < 20; batch++) {
				List<CompletableFuture<Integer>> puts = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					byte[] key = ("/flood/" + batch + "-" + i).getBytes(StandardCharsets.UTF_8);
					puts.add(attackerDht.putValue(key, new byte[1024]).exceptionally((failure) -> 0));
				}
				CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			}
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
		assertThat(records.size()).as("records the flooding peer could store").isEqualTo(100);
	}

	@Test
	void onePeerGetsOnlyItsShareOfTheProviderStore() throws Exception {
		ProviderStore providers = MemoryStores.providers(10_000, 20, 1_000);
		Swarm target = this.nodes.listening(new Identify(IdentifyConfig.DEFAULT), new Ping(ON_REQUEST),
				new Kademlia(OPEN, MemoryStores.records(10_000, 100), providers));
		Kademlia attackerDht = new Kademlia(OPEN);
		Swarm attacker = this.nodes.swarm(new Identify(IdentifyConfig.DEFAULT), attackerDht);
		attacker.dial(Nodes.dialable(target)).get(10, TimeUnit.SECONDS);
		await().atMost(10, TimeUnit.SECONDS).until(() -> attackerDht.tableSize() == 1);
		Ping ping = new Ping(ON_REQUEST);
		Connection honest = this.nodes.swarm(ping).dial(Nodes.dialable(target)).join();
		List<byte[]> keys = new ArrayList<>();
		try (AttackWatch watch = new AttackWatch(ping, honest)) {
			for (int batch = 0; batch < 20; batch++) {
				List<CompletableFuture<Integer>> announced = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					byte[] key = Multihash.sha256(("flood-" + batch + "-" + i).getBytes(StandardCharsets.UTF_8))
						.toBytes();
					keys.add(key);
					announced.add(attackerDht.provide(key).exceptionally((failure) -> 0));
				}
				CompletableFuture.allOf(announced.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			}
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
		// The store lives on the target's swarm thread: count there.
		long stored = target
			.call(() -> keys.stream().filter((key) -> !providers.get(key, target.scheduler().now()).isEmpty()).count())
			.get(10, TimeUnit.SECONDS);
		assertThat(stored).as("keys the flooding peer could announce itself for").isEqualTo(1_000);
	}

}
