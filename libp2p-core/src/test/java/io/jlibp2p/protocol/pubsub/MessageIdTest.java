package io.jlibp2p.protocol.pubsub;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message ids come from peers: ids built to collide under {@link Arrays#hashCode} do not
 * collide under the keyed hash, and ids order by their bytes, so that a hash map degrades
 * to a tree, not a list, even for ids that do collide.
 */
class MessageIdTest {

	@Test
	void idsCollidingUnderTheUnkeyedHashDoNotCollideHere() {
		byte[] first = { 0x41, 0x61 };
		byte[] second = { 0x42, 0x42 };
		assertThat(Arrays.hashCode(first)).isEqualTo(Arrays.hashCode(second));
		assertThat(MessageId.of(first).hashCode()).isNotEqualTo(MessageId.of(second).hashCode());
	}

	@Test
	void idsOrderByTheirUnsignedBytesAndEqualIdsAreEqual() {
		MessageId low = MessageId.of(new byte[] { 0x01, 0x7f });
		MessageId high = MessageId.of(new byte[] { 0x01, (byte) 0x80 });
		assertThat(low).isLessThan(high);
		assertThat(MessageId.of(new byte[] { 1, 2 })).isEqualByComparingTo(MessageId.of(new byte[] { 1, 2 }))
			.isEqualTo(MessageId.of(new byte[] { 1, 2 }))
			.hasSameHashCodeAs(MessageId.of(new byte[] { 1, 2 }));
		assertThat(MessageId.parse(high.toString())).isEqualTo(high);
	}

}
