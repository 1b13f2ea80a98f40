package io.jlibp2p.protocol.pubsub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Duplicates are dropped for the seen TTL and no longer, in bounded memory.
 */
class SeenCacheTest {

	private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

	private static MessageId id(String text) {
		return MessageId.of(text.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void anIdIsADuplicateForItsTtlAndNewAfterwards() {
		SeenCache cache = new SeenCache(Duration.ofMinutes(2), 100);

		assertThat(cache.add(id("a"), this.start)).isTrue();
		assertThat(cache.add(id("a"), this.start.plusSeconds(119))).isFalse();
		assertThat(cache.contains(id("a"), this.start.plusSeconds(119))).isTrue();
		assertThat(cache.contains(id("a"), this.start.plusSeconds(120))).isFalse();
		assertThat(cache.add(id("a"), this.start.plusSeconds(120))).isTrue();
		assertThat(cache.size()).isOne();
	}

	@Test
	void aFullCacheForgetsItsOldestIdsFirst() {
		SeenCache cache = new SeenCache(Duration.ofMinutes(2), 3);
		for (String text : new String[] { "a", "b", "c", "d" }) {
			cache.add(id(text), this.start);
		}

		assertThat(cache.size()).isEqualTo(3);
		assertThat(cache.contains(id("a"), this.start)).isFalse();
		assertThat(cache.contains(id("d"), this.start)).isTrue();
	}

}
