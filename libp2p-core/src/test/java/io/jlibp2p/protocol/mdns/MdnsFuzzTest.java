package io.jlibp2p.protocol.mdns;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.jlibp2p.testing.Allocations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for mDNS packets: only {@link DnsException} escapes, allocation stays
 * proportional to the input, and what decodes respects the limits.
 */
class MdnsFuzzTest {

	@FuzzTest
	void packets(FuzzedDataProvider data) {
		byte[] bytes = data.consumeRemainingAsBytes();
		DnsMessage message = Allocations.parse(bytes.length, 64, 512 * 1024, DnsException.class,
				() -> DnsMessage.decode(bytes));
		if (message != null) {
			assertThat(message.questions().size() + message.answers().size() + message.additionals().size())
				.isLessThanOrEqualTo(DnsMessage.MAX_RECORDS);
			message.answers().forEach((record) -> assertThat(record.name().length()).isLessThanOrEqualTo(255));
		}
	}

}
