package io.jlibp2p.protocol.kad;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.peer.PeerId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One peer fills only its share of the stores: records beyond its quota and provider keys
 * beyond its quota are refused while other peers still get in, replacing or refreshing
 * its own entries costs nothing, and expired entries give the share back.
 */
class MemoryStoresTest {

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	private static PeerId randomPeer() {
		return PeerId.fromPublicKey(Keys.generate(KeyType.ED25519).publicKey());
	}

	private static RecordStore.StoredRecord record(String key, PeerId publisher, Instant at, Duration ttl) {
		return new RecordStore.StoredRecord(key.getBytes(StandardCharsets.UTF_8), new byte[] { 1 }, publisher, at,
				at.plus(ttl));
	}

	@Test
	void aPublisherGetsItsShareOfTheRecordStoreOnly() {
		RecordStore store = MemoryStores.records(100, 3);
		PeerId greedy = randomPeer();
		for (int i = 0; i < 3; i++) {
			assertThat(store.put(record("/k/" + i, greedy, NOW, Duration.ofHours(1)))).isTrue();
		}
		assertThat(store.put(record("/k/3", greedy, NOW, Duration.ofHours(1)))).as("over its share").isFalse();
		assertThat(store.put(record("/k/0", greedy, NOW, Duration.ofHours(1)))).as("replacing its own").isTrue();
		assertThat(store.put(record("/k/3", randomPeer(), NOW, Duration.ofHours(1)))).as("another peer").isTrue();
		assertThat(store.put(record("/k/4", null, NOW, Duration.ofHours(1)))).as("this node's own").isTrue();
		assertThat(store.put(record("/k/5", greedy, NOW.plus(Duration.ofHours(2)), Duration.ofHours(1))))
			.as("once its records expired")
			.isTrue();
	}

	@Test
	void aProviderGetsItsShareOfTheProviderStoreOnly() {
		ProviderStore store = MemoryStores.providers(100, 20, 2);
		KadPeer greedy = new KadPeer(randomPeer(), List.of());
		Instant expiry = NOW.plus(Duration.ofHours(1));
		assertThat(store.add(new byte[] { 1 }, greedy, expiry)).isTrue();
		assertThat(store.add(new byte[] { 2 }, greedy, expiry)).isTrue();
		assertThat(store.add(new byte[] { 3 }, greedy, expiry)).as("over its share").isFalse();
		assertThat(store.add(new byte[] { 1 }, greedy, expiry.plusSeconds(1))).as("refreshing its own").isTrue();
		assertThat(store.add(new byte[] { 3 }, new KadPeer(randomPeer(), List.of()), expiry)).isTrue();
		store.remove(new byte[] { 2 }, greedy.id());
		assertThat(store.add(new byte[] { 3 }, greedy, expiry)).as("after removing one").isTrue();
		assertThat(store.get(new byte[] { 3 }, NOW)).hasSize(2);
	}

}
