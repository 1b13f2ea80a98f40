package io.jlibp2p.protocol.identify;

import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jlibp2p.testing.Allocations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for identify messages: only {@link IdentifyException} escapes, allocation
 * stays proportional to the input, and what decodes respects the entry limits.
 */
class IdentifyFuzzTest {

	@FuzzTest
	void messages(FuzzedDataProvider data) {
		List<byte[]> messages = new ArrayList<>();
		int total = 0;
		while (data.remainingBytes() > 0 && messages.size() < IdentifyMessages.MAX_MESSAGES) {
			byte[] message = data.consumeBytes(data.consumeInt(0, IdentifyMessages.MAX_MESSAGE_LENGTH));
			total += message.length;
			messages.add(message);
		}
		IdentifyInfo info = Allocations.parse(total, 64, 512 * 1024, IdentifyException.class,
				() -> IdentifyMessages.decode(messages));
		if (info != null) {
			assertThat(info.listenAddresses()).hasSizeLessThanOrEqualTo(IdentifyMessages.MAX_ENTRIES);
			assertThat(info.protocols()).hasSizeLessThanOrEqualTo(IdentifyMessages.MAX_ENTRIES);
		}
	}

}
