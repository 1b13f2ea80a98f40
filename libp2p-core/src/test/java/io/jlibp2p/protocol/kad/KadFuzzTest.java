package io.jlibp2p.protocol.kad;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.jlibp2p.internal.proto.KadProto;
import io.jlibp2p.testing.Allocations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for DHT messages: only {@link KadException} escapes, allocation stays
 * proportional to the input, and what decodes respects the limits.
 */
class KadFuzzTest {

	@FuzzTest
	void messages(FuzzedDataProvider data) {
		byte[] bytes = data.consumeRemainingAsBytes();
		KadProto.Message message = Allocations.parse(bytes.length, 64, 512 * 1024, KadException.class,
				() -> KadMessages.decode(bytes, 20, 16 * 1024));
		if (message != null) {
			assertThat(message.getCloserPeersCount()).isLessThanOrEqualTo(20);
			assertThat(message.getProviderPeersCount()).isLessThanOrEqualTo(20);
			assertThat(message.getRecord().getValue().size()).isLessThanOrEqualTo(16 * 1024);
		}
	}

}
