package io.jlibp2p.security.pnet;

import java.time.Duration;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;

import io.jlibp2p.testing.ChannelFuzzing;

/**
 * Fuzz target for the private network's nonce exchange: whatever arrives first ends in a
 * failed check and a closed connection, never in an escaped exception or a leak. Without
 * the key, no input gets past the header check.
 */
class PnetFuzzTest {

	private static final PreSharedKey KEY = PreSharedKey.of(new byte[PreSharedKey.LENGTH]);

	@FuzzTest
	void nonceExchange(FuzzedDataProvider data) {
		ChannelFuzzing.feed(new EmbeddedChannel(new PnetHandler(KEY, Duration.ofSeconds(10), (failure) -> {
		})), data);
	}

}
